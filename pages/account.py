"""Tài khoản của tôi: who I am in the app, and changing my own password."""

import streamlit as st

from sipas.accounts.views import identity_lines
from sipas.core.i18n import t
from sipas.core.permissions import VIEW
from sipas.ui.safe import escape_markdown
from sipas.ui.shell import auth, login, own_account

user = auth.require(VIEW)
config = login.settings()
st.title(t("account.title"))
own_account.flash()

left, right = st.columns(2)
with left:
    # st.text: names are typed by people and are never read as Markdown or HTML.
    unit_name = own_account.unit_name(user.unit_code)
    for label, value in identity_lines(user.username, user.display_name, user.role, unit_name):
        st.caption(escape_markdown(label))
        st.text(value)
with right:
    st.subheader(t("account.change_heading"))
    own_account.password_form(config)
