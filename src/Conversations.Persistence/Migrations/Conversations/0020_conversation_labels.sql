-- Operators' labels live in the conversation's details (state->'labels', absent when there are none). The inbox filters
-- by one label and the console lists the labels in use; a partial GIN index holds only labelled rows, so the commits
-- of the many unlabelled conversations never touch it.
CREATE INDEX conversations_by_label ON conversations USING gin ((state->'labels') jsonb_path_ops) WHERE state ? 'labels';
