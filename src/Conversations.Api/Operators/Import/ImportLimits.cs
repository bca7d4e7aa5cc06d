namespace Conversations.Api.Operators.Import;

/// <summary>The limits of one bulk import (declared in the OpenAPI document and the README).</summary>
public static class ImportLimits
{
    /// <summary>Rows one request may carry; a longer file is refused from that row on (split it).</summary>
    public const int MaxRows = 1_000_000;

    /// <summary>Characters one row may have (a JSON line, or a CSV record).</summary>
    public const int MaxRowChars = 65_536;

    /// <summary>Bytes one request body may have.</summary>
    public const long MaxBodyBytes = 1L << 30;

    /// <summary>Row errors listed in the report (the count goes on).</summary>
    public const int MaxListedErrors = 1000;

    /// <summary>Rows written to PostgreSQL in one statement.</summary>
    public const int BatchRows = 1000;
}
