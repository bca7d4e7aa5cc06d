-- Stream pub-sub state (the tenant feed's producers and subscriptions) is now written with Orleans' own serializer.
-- Rows written before as JSON cannot be read by it; they only describe live subscriptions, which operators' silos
-- re-create when their feeds attach, so they are dropped rather than converted.
DELETE FROM orleansstorage WHERE graintypestring = 'PubSubRendezvousGrain';
