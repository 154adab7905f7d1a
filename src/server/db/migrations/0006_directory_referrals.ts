import type { Kysely } from 'kysely';

/**
 * The service directory in Open Referral HSDS 3.0 shape, referrals between
 * agencies with a timestamp per transition, and notifications with durable
 * delivery (issue #4).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // HSDS taxonomy_term: the protection-service types, with the pack's referral targets.
  await db.schema
    .createTable('taxonomy_term')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('code', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('names', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('taxonomy', 'varchar(100)', (c) => c.notNull())
    .addColumn('accept_hours', 'integer')
    .addColumn('first_service_hours', 'integer')
    .addColumn('targets_source', 'text')
    .execute();

  await db.schema
    .createTable('organization')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(300)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'varchar(200)')
    .addColumn('website', 'varchar(500)')
    .addColumn('agency_id', 'varchar(36)', (c) => c.references('agency.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('organization_agency_idx')
    .on('organization')
    .column('agency_id')
    .execute();

  await db.schema
    .createTable('service')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organization_id', 'varchar(36)', (c) => c.notNull().references('organization.id'))
    .addColumn('name', 'varchar(300)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'varchar(30)', (c) => c.notNull())
    .addColumn('email', 'varchar(200)')
    .addColumn('url', 'varchar(500)')
    .addColumn('eligibility_description', 'text')
    .addColumn('minimum_age', 'integer')
    .addColumn('maximum_age', 'integer')
    // Pathfinder extensions (exported as HSDS attributes): who the service takes, in which languages.
    .addColumn('sexes', 'varchar(40)', (c) => c.notNull().defaultTo(''))
    .addColumn('languages', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('taxonomy_term_id', 'varchar(36)', (c) => c.notNull().references('taxonomy_term.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_modified', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_org_idx').on('service').column('organization_id').execute();
  await db.schema
    .createIndex('service_term_idx')
    .on('service')
    .columns(['taxonomy_term_id', 'status'])
    .execute();

  await db.schema
    .createTable('service_area')
    .addColumn('service_id', 'varchar(36)', (c) => c.notNull().references('service.id'))
    .addColumn('area_code', 'varchar(64)', (c) => c.notNull().references('area.code'))
    .addPrimaryKeyConstraint('service_area_pk', ['service_id', 'area_code'])
    .execute();
  await db.schema
    .createIndex('service_area_area_idx')
    .on('service_area')
    .column('area_code')
    .execute();

  await db.schema
    .createTable('location')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('organization_id', 'varchar(36)', (c) => c.notNull().references('organization.id'))
    .addColumn('location_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('name', 'varchar(300)', (c) => c.notNull())
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('area_code', 'varchar(64)', (c) => c.references('area.code'))
    .addColumn('address_1', 'varchar(300)')
    .addColumn('city', 'varchar(200)')
    .addColumn('state_province', 'varchar(200)')
    .addColumn('postal_code', 'varchar(40)')
    .addColumn('country', 'varchar(2)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('location_org_idx')
    .on('location')
    .column('organization_id')
    .execute();

  await db.schema
    .createTable('service_at_location')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('service_id', 'varchar(36)', (c) => c.notNull().references('service.id'))
    .addColumn('location_id', 'varchar(36)', (c) => c.notNull().references('location.id'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('sal_service_idx')
    .on('service_at_location')
    .column('service_id')
    .execute();

  await db.schema
    .createTable('referral')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('case_file.id'))
    .addColumn('from_agency_id', 'varchar(36)', (c) => c.notNull().references('agency.id'))
    .addColumn('to_agency_id', 'varchar(36)', (c) => c.notNull().references('agency.id'))
    .addColumn('service_id', 'varchar(36)', (c) => c.notNull().references('service.id'))
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('share_level', 'varchar(10)', (c) => c.notNull())
    .addColumn('shared_fields', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('consent_id', 'varchar(36)')
    .addColumn('consent_override', 'text')
    .addColumn('idempotency_key', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('assigned_user_id', 'varchar(36)')
    .addColumn('decline_reason', 'text')
    .addColumn('info_request', 'text')
    .addColumn('outcome', 'varchar(40)')
    .addColumn('outcome_note', 'text')
    .addColumn('feedback', 'text')
    .addColumn('sent_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('accepted_at', 'varchar(32)')
    .addColumn('declined_at', 'varchar(32)')
    .addColumn('info_requested_at', 'varchar(32)')
    .addColumn('service_started_at', 'varchar(32)')
    .addColumn('completed_at', 'varchar(32)')
    .addColumn('cancelled_at', 'varchar(32)')
    .addColumn('feedback_at', 'varchar(32)')
    .addColumn('accept_due_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('service_due_at', 'varchar(32)')
    .addColumn('accept_reminded_at', 'varchar(32)')
    .addColumn('accept_escalated_at', 'varchar(32)')
    .addColumn('service_reminded_at', 'varchar(32)')
    .addColumn('service_escalated_at', 'varchar(32)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('referral_idempotency_uq', ['from_agency_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('referral_to_idx')
    .on('referral')
    .columns(['to_agency_id', 'sent_at', 'id'])
    .execute();
  await db.schema
    .createIndex('referral_from_idx')
    .on('referral')
    .columns(['from_agency_id', 'sent_at', 'id'])
    .execute();
  await db.schema.createIndex('referral_case_idx').on('referral').column('case_id').execute();
  // The escalation pass: open referrals by due time.
  await db.schema
    .createIndex('referral_accept_due_idx')
    .on('referral')
    .columns(['state', 'accept_due_at'])
    .execute();
  await db.schema
    .createIndex('referral_service_due_idx')
    .on('referral')
    .columns(['state', 'service_due_at'])
    .execute();

  await db.schema
    .createTable('referral_event')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('referral_id', 'varchar(36)', (c) => c.notNull().references('referral.id'))
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('type', 'varchar(40)', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('referral_event_idx')
    .on('referral_event')
    .columns(['referral_id', 'at'])
    .execute();

  await db.schema.alterTable('app_user').addColumn('phone', 'varchar(20)').execute();
  await db.schema
    .alterTable('app_user')
    .addColumn('notify_email', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('app_user')
    .addColumn('notify_sms', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // The in-app inbox; email and SMS copies are deliveries, retried until sent.
  await db.schema
    .createTable('notification')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('app_user.id'))
    .addColumn('kind', 'varchar(60)', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('link', 'varchar(300)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('read_at', 'varchar(32)')
    .execute();
  await db.schema
    .createIndex('notification_user_idx')
    .on('notification')
    .columns(['user_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createTable('notification_delivery')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('notification_id', 'varchar(36)', (c) => c.notNull().references('notification.id'))
    .addColumn('channel', 'varchar(10)', (c) => c.notNull())
    .addColumn('address', 'varchar(200)', (c) => c.notNull())
    .addColumn('state', 'varchar(10)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_error', 'varchar(500)')
    .addColumn('sent_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('delivery_due_idx')
    .on('notification_delivery')
    .columns(['state', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('delivery_notification_idx')
    .on('notification_delivery')
    .column('notification_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'notification_delivery',
    'notification',
    'referral_event',
    'referral',
    'service_at_location',
    'location',
    'service_area',
    'service',
    'organization',
    'taxonomy_term',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of ['notify_sms', 'notify_email', 'phone'])
    await db.schema.alterTable('app_user').dropColumn(column).execute();
}
