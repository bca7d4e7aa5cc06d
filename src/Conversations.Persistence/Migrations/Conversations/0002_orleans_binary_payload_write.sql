-- Compatibility shim for the vendored Orleans persistence script (kept unmodified in ../Orleans).
-- Its newest upstream WriteToStorageKey query binds @PayloadJson and @PayloadXml, which the
-- Microsoft.Orleans.Persistence.AdoNet 10.4.2 provider does not bind (it writes only @PayloadBinary, the
-- output of the configured grain storage serializer). Point the query at the same function with the
-- text columns left NULL, which is exactly what the 10.4.x provider expects.
UPDATE OrleansQuery
SET QueryText = '
        select * from WriteToStorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary, NULL::text, NULL::xml);
'
WHERE QueryKey = 'WriteToStorageKey';
