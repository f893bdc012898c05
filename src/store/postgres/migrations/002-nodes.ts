// PostgreSQL migration 2: several nodes — which node holds a lease, and each event's two Segment ids (R17 across nodes).

export const sql = `
-- The node (its data dir's node-id) that leased the job: at start a node takes back its own previous run's leases.
ALTER TABLE jobs ADD COLUMN lease_node text;
`;
