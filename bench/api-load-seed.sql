-- Seeds one tenant with :backups available backups of :volumes available volumes (backups spread evenly over the
-- volumes) on host :host, as the service itself would have written them: statuses, a unique Uuid each, timestamps one
-- second apart, metadata '{}'. Run by bench/api-load.sh against a database the server has already migrated:
--   psql -v tenant=load -v host=load-node -v backups=100000 -v volumes=10000 -f bench/api-load-seed.sql
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO "Volumes" ("TenantId", "UserId", "DisplayName", "DisplayDescription", "SizeGb", "Status", "AvailabilityZone",
                       "Host", "Metadata", "Uuid", "CreatedAt", "UpdatedAt")
SELECT :'tenant', :'tenant', 'load-volume-' || v, NULL, 1, 'available', 'az-1',
       :'host', '{}', gen_random_uuid(),
       timestamptz '2026-01-01 00:00:00+00' + v * interval '1 second',
       timestamptz '2026-01-01 00:00:00+00' + v * interval '1 second'
FROM generate_series(1, :volumes) AS v;

CREATE TEMP TABLE load_volumes AS
SELECT "Id", row_number() OVER (ORDER BY "Id") - 1 AS n FROM "Volumes" WHERE "TenantId" = :'tenant';

INSERT INTO "Backups" ("TenantId", "UserId", "VolumeId", "Container", "DisplayName", "DisplayDescription", "Status",
                       "FailReason", "SizeGb", "ObjectCount", "IsIncremental", "Metadata", "ProgressBytesDone",
                       "ProgressBytesTotal", "ProgressOperation", "RestoreVolumeId", "Uuid", "CreatedAt", "UpdatedAt")
SELECT :'tenant', :'tenant', lv."Id", 'volumebackups', 'load-backup-' || b, 'seeded for the API load benchmark', 'available',
       NULL, 1, 4 + (b % 60), b > :volumes, '{}', 0, 0, NULL, NULL, gen_random_uuid(),
       timestamptz '2026-02-01 00:00:00+00' + b * interval '1 second',
       timestamptz '2026-02-01 00:00:00+00' + b * interval '1 second' + interval '30 seconds'
FROM generate_series(1, :backups) AS b
JOIN load_volumes lv ON lv.n = (b - 1) % :volumes;
COMMIT;
ANALYZE "Volumes";
ANALYZE "Backups";
