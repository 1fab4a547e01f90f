"""Initial schema: units, fields, waves, imports, responses, comments, answer counts.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22 20:24:42.496521
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('app_state',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_app_state'))
    )
    op.create_table('fields',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name_vi', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('keywords', sa.Text(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_fields'))
    )
    op.create_table('units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('full_name', sa.String(length=300), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('unit_type', sa.String(length=50), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['units.id'], name=op.f('fk_units_parent_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_units')),
    sa.UniqueConstraint('code', name=op.f('uq_units_code'))
    )
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_units_level'), ['level'], unique=False)

    op.create_table('waves',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('method_code', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('item_codes', sa.Text(), nullable=False),
    sa.Column('weighting', sa.String(length=20), nullable=True),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_waves')),
    sa.UniqueConstraint('code', name=op.f('uq_waves_code'))
    )
    op.create_table('imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('wave_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('file_hash', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('rows_total', sa.Integer(), nullable=False),
    sa.Column('rows_accepted', sa.Integer(), nullable=False),
    sa.Column('rows_rejected', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['wave_id'], ['waves.id'], name=op.f('fk_imports_wave_id_waves')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_imports'))
    )
    with op.batch_alter_table('imports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_imports_file_hash'), ['file_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_imports_wave_id'), ['wave_id'], unique=False)

    op.create_table('unit_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=300), nullable=False),
    sa.Column('alias_key', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_unit_aliases_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_aliases'))
    )
    with op.batch_alter_table('unit_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_aliases_alias_key'), ['alias_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_unit_aliases_unit_id'), ['unit_id'], unique=False)

    op.create_table('answer_counts',
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('field_code', sa.String(length=32), nullable=False),
    sa.Column('attribute', sa.String(length=32), nullable=False),
    sa.Column('attribute_value', sa.String(length=32), nullable=False),
    sa.Column('item_code', sa.String(length=32), nullable=False),
    sa.Column('wave_id', sa.Integer(), nullable=False),
    sa.Column('n1', sa.Integer(), nullable=False),
    sa.Column('n2', sa.Integer(), nullable=False),
    sa.Column('n3', sa.Integer(), nullable=False),
    sa.Column('n4', sa.Integer(), nullable=False),
    sa.Column('n5', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['field_code'], ['fields.code'], name=op.f('fk_answer_counts_field_code_fields')),
    sa.ForeignKeyConstraint(['import_id'], ['imports.id'], name=op.f('fk_answer_counts_import_id_imports')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_answer_counts_unit_id_units')),
    sa.ForeignKeyConstraint(['wave_id'], ['waves.id'], name=op.f('fk_answer_counts_wave_id_waves')),
    sa.PrimaryKeyConstraint('import_id', 'unit_id', 'field_code', 'attribute', 'attribute_value', 'item_code', name=op.f('pk_answer_counts'))
    )
    with op.batch_alter_table('answer_counts', schema=None) as batch_op:
        batch_op.create_index('ix_answer_counts_wave_attribute', ['wave_id', 'attribute'], unique=False)

    op.create_table('comments',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('wave_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('field_code', sa.String(length=32), nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=True),
    sa.Column('survey_date', sa.Date(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['field_code'], ['fields.code'], name=op.f('fk_comments_field_code_fields')),
    sa.ForeignKeyConstraint(['import_id'], ['imports.id'], name=op.f('fk_comments_import_id_imports')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_comments_unit_id_units')),
    sa.ForeignKeyConstraint(['wave_id'], ['waves.id'], name=op.f('fk_comments_wave_id_waves')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comments'))
    )
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comments_import_id'), ['import_id'], unique=False)
        batch_op.create_index('ix_comments_wave_unit', ['wave_id', 'unit_id'], unique=False)

    op.create_table('respondent_counts',
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('field_code', sa.String(length=32), nullable=False),
    sa.Column('attribute', sa.String(length=32), nullable=False),
    sa.Column('attribute_value', sa.String(length=32), nullable=False),
    sa.Column('wave_id', sa.Integer(), nullable=False),
    sa.Column('respondents', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['field_code'], ['fields.code'], name=op.f('fk_respondent_counts_field_code_fields')),
    sa.ForeignKeyConstraint(['import_id'], ['imports.id'], name=op.f('fk_respondent_counts_import_id_imports')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_respondent_counts_unit_id_units')),
    sa.ForeignKeyConstraint(['wave_id'], ['waves.id'], name=op.f('fk_respondent_counts_wave_id_waves')),
    sa.PrimaryKeyConstraint('import_id', 'unit_id', 'field_code', 'attribute', 'attribute_value', name=op.f('pk_respondent_counts'))
    )
    with op.batch_alter_table('respondent_counts', schema=None) as batch_op:
        batch_op.create_index('ix_respondent_counts_wave_attribute', ['wave_id', 'attribute'], unique=False)

    op.create_table('responses',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('wave_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('field_code', sa.String(length=32), nullable=False),
    sa.Column('row_no', sa.Integer(), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('procedure', sa.Text(), nullable=True),
    sa.Column('survey_date', sa.Date(), nullable=True),
    sa.Column('channel', sa.String(length=32), nullable=True),
    sa.Column('respondent_type', sa.String(length=32), nullable=True),
    sa.Column('gender', sa.String(length=32), nullable=True),
    sa.Column('age_group', sa.String(length=32), nullable=True),
    sa.Column('answers', sa.String(length=128), nullable=False),
    sa.ForeignKeyConstraint(['field_code'], ['fields.code'], name=op.f('fk_responses_field_code_fields')),
    sa.ForeignKeyConstraint(['import_id'], ['imports.id'], name=op.f('fk_responses_import_id_imports')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_responses_unit_id_units')),
    sa.ForeignKeyConstraint(['wave_id'], ['waves.id'], name=op.f('fk_responses_wave_id_waves')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_responses'))
    )
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_responses_import_id'), ['import_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_responses_import_id'))

    op.drop_table('responses')
    with op.batch_alter_table('respondent_counts', schema=None) as batch_op:
        batch_op.drop_index('ix_respondent_counts_wave_attribute')

    op.drop_table('respondent_counts')
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_index('ix_comments_wave_unit')
        batch_op.drop_index(batch_op.f('ix_comments_import_id'))

    op.drop_table('comments')
    with op.batch_alter_table('answer_counts', schema=None) as batch_op:
        batch_op.drop_index('ix_answer_counts_wave_attribute')

    op.drop_table('answer_counts')
    with op.batch_alter_table('unit_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_aliases_unit_id'))
        batch_op.drop_index(batch_op.f('ix_unit_aliases_alias_key'))

    op.drop_table('unit_aliases')
    with op.batch_alter_table('imports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_imports_wave_id'))
        batch_op.drop_index(batch_op.f('ix_imports_file_hash'))

    op.drop_table('imports')
    op.drop_table('waves')
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_units_level'))

    op.drop_table('units')
    op.drop_table('fields')
    op.drop_table('app_state')
