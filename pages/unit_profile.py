"""Đơn vị của tôi / Hồ sơ đơn vị: one unit's answer on one screen – value and change, rank
among every peer, the gaps to its targets, how sure that is – then the levers, trend, tasks and
citizens' comments, each linked to its full page."""

import streamlit as st

from sipas.core.i18n import t
from sipas.core.permissions import VIEW
from sipas.present import profile
from sipas.ui.dashboard import filters
from sipas.ui.dashboard import profile as sections
from sipas.ui.safe import md
from sipas.ui.shell import auth

user = auth.require(VIEW)
view = filters.bar()
scope = view.scope
unit = filters.focus_choice(view, t("unitpage.pick_unit"))
name = view.labels.get(unit, unit)
title = "unitpage.title_own" if unit == user.unit_code else "unitpage.title_any"
st.title(f"{t(title)}: {md('unitpage.heading', unit=name, wave=scope.wave.code)}")
row = profile.unit_row(sections.gap_table(view), unit)
if row is None:
    st.info(md("unitpage.no_data", unit=name, wave=scope.wave.code))
    st.stop()

sections.first_screen(view, unit, row)
st.divider()
levers = sections.levers_section(view, unit, row)
left, right = st.columns(2, gap="large")
with left:
    sections.trend_section(unit, row)
with right:
    sections.tasks_section(unit)
sections.comments_section(view, unit, levers)
