// PostgreSQL migration 2: several nodes — which node holds a lease, and each event's two Segment ids (R17 across nodes).

export const sql = `
-- The node (its data dir's node-id) that leased the job: at start a node takes back its own previous run's leases.
ALTER TABLE jobs ADD COLUMN lease_node text;

-- The event's userId and anonymousId (non-empty strings, else NULL): a job sharing either with a job leased on any node
-- is not leased (a converting lead's two person keys never run at once). Filled for the events still to deliver; one
-- whose payload escapes U+0000 (jsonb refuses it) keeps NULLs and is ordered by its person key only.
ALTER TABLE events ADD COLUMN user_id text, ADD COLUMN anonymous_id text;
UPDATE events e SET
  user_id = CASE WHEN jsonb_typeof(p.doc -> 'userId') = 'string' THEN NULLIF(p.doc ->> 'userId', '') END,
  anonymous_id = CASE WHEN jsonb_typeof(p.doc -> 'anonymousId') = 'string' THEN NULLIF(p.doc ->> 'anonymousId', '') END
FROM (SELECT id, payload::jsonb AS doc FROM events
      WHERE strpos(payload, '\\u0000') = 0
        AND id IN (SELECT event_id FROM jobs WHERE state IN ('pending', 'leased'))) p
WHERE e.id = p.id;
`;
