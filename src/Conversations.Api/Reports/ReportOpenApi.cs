using Microsoft.OpenApi;

namespace Conversations.Api.Reports;

/// <summary>The report operations' query parameters and CSV answer in the OpenAPI document: what each takes and its limits.</summary>
internal static class ReportOpenApi
{
    /// <summary>Each query parameter: its description and its longest accepted value (longer is a 400).</summary>
    public static IReadOnlyDictionary<string, (string Description, int MaxLength)> Parameters { get; } = new Dictionary<string, (string, int)>
    {
        ["from"] = ("Start, inclusive: a date (midnight in the time zone) or a date-time with an offset; default 7 days before `to`.", ReportParameters.MaxInstantLength),
        ["to"] = ("End, exclusive: a date or a date-time with an offset; default the next whole hour. At most 366 days after `from` (31 with granularity hour).", ReportParameters.MaxInstantLength),
        ["granularity"] = ("hour, day (default) or week (from Monday), cut in the time zone.", ReportParameters.MaxNameLength),
        ["channel"] = ("Only conversations started on this customer channel (Telegram, Widget, Vk, Viber, WhatsApp, Messenger, Instagram, Email).", ReportParameters.MaxNameLength),
        ["timeZone"] = ("IANA time zone the periods are cut in; default the tenant's working-hours zone.", ReportParameters.MaxTimeZoneLength),
        ["operatorId"] = ("Admins: only the conversations this operator first took. Operators always see their own; another's id is a 403.", ReportParameters.MaxNameLength + 4),
        ["format"] = ("json (default) or csv; `Accept: text/csv` also gives CSV.", ReportParameters.MaxNameLength),
    };

    /// <summary>Describes the parameters and says the CSV answer is text.</summary>
    public static void Describe(OpenApiOperation operation)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name is { } name && Parameters.TryGetValue(name, out var doc))
            {
                parameter.Description = doc.Description;
                if (parameter.Schema is OpenApiSchema schema)
                {
                    schema.MaxLength = doc.MaxLength;
                }
            }
        }

        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is { } content)
        {
            content["text/csv"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "RFC 4180 CSV: the report's grouping columns, then one column per measure." },
            };
        }
    }
}
