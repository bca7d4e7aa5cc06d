using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Api.Reports;
using Conversations.Persistence.Reports;
using Conversations.Testing;
using Conversations.Testing.Reports;

namespace Conversations.Api.Tests.Reports;

/// <summary>
/// The report API over the known history (<see cref="KnownHistory"/>) committed into the running app's store and counted
/// by its aggregator: every figure exact, in UTC and in Berlin, across midnight and the night the clocks go back.
/// </summary>
public sealed class ReportApiTests(ReportApiTests.Fixture fixture) : IClassFixture<ReportApiTests.Fixture>
{
    private const string Range = "from=2026-10-24&to=2026-10-26";

    [Fact]
    public async Task The_overview_gives_every_figure_of_the_known_history_exactly()
    {
        var report = await fixture.Admin.GetAsync($"/api/v1/reports/overview?{Range}&timeZone=UTC");
        var total = report.GetProperty("total");

        Assert.Equal(100, total.GetProperty("started").GetInt64());
        Assert.Equal(70, total.GetProperty("containedByBot").GetInt64());
        Assert.Equal(0.7, total.GetProperty("containmentRate").GetDouble());
        Assert.Equal(30, total.GetProperty("handedOver").GetInt64());
        Assert.Equal(20, total.GetProperty("handedOverAsked").GetInt64());
        Assert.Equal(10, total.GetProperty("handedOverBotGaveUp").GetInt64());
        Assert.Equal(0, total.GetProperty("handedOverScenarioStep").GetInt64());
        Assert.Equal(10, total.GetProperty("abandoned").GetInt64());
        Assert.Equal(20, total.GetProperty("taken").GetInt64());
        Assert.Equal(60, total.GetProperty("waitP50Seconds").GetInt32());
        Assert.Equal(240, total.GetProperty("waitP90Seconds").GetInt32());
        Assert.Equal(150, total.GetProperty("waitAverageSeconds").GetDouble());
        Assert.Equal(90, total.GetProperty("firstResponseP50Seconds").GetInt32());
        Assert.Equal(300, total.GetProperty("firstResponseP90Seconds").GetInt32());
        Assert.Equal(195, total.GetProperty("firstResponseAverageSeconds").GetDouble());
        Assert.Equal(30, total.GetProperty("resolved").GetInt64());
        Assert.Equal(414.3333, total.GetProperty("resolutionAverageSeconds").GetDouble());
        Assert.Equal(3.65, total.GetProperty("messagesPerConversation").GetDouble());
        Assert.Equal(20, total.GetProperty("surveysOffered").GetInt64());
        Assert.Equal(15, total.GetProperty("surveysAnswered").GetInt64());
        Assert.Equal(0.75, total.GetProperty("responseRate").GetDouble());
        Assert.Equal(4.0, total.GetProperty("averageScore").GetDouble());
        Assert.Equal(0.6667, total.GetProperty("satisfiedRate").GetDouble());
        Assert.Equal([0L, 0, 5, 0, 0, 10, 0, 0, 0, 0, 0], total.GetProperty("scoreDistribution").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(20, total.GetProperty("handled").GetInt64());
        Assert.Equal(165, total.GetProperty("handlingAverageSeconds").GetDouble()); // (10 × 150 s + 10 × 180 s) / 20
        Assert.Equal(0, report.GetProperty("previous").GetProperty("started").GetInt64()); // the two days before hold nothing
    }

    [Theory]
    [InlineData("UTC", "2026-10-24", 48, 35, 9, 4, "2026-10-25", 52, 35, 11, 6)]
    [InlineData("Europe/Berlin", "2026-10-24", 40, 28, 8, 4, "2026-10-25", 60, 42, 12, 6)]
    public async Task Days_are_cut_at_midnight_in_the_time_zone_asked_for(string zone, string day1, int started1, int contained1, int asked1, int gaveUp1,
        string day2, int started2, int contained2, int asked2, int gaveUp2)
    {
        var report = await fixture.Admin.GetAsync($"/api/v1/reports/overview?{Range}&timeZone={zone}&granularity=day");
        var rows = report.GetProperty("rows").EnumerateArray().ToList();

        Assert.Equal([day1, day2], rows.Select(r => r.GetProperty("period").GetString()));
        Assert.Equal((started1, contained1, asked1, gaveUp1), Figures(rows[0]));
        Assert.Equal((started2, contained2, asked2, gaveUp2), Figures(rows[1]));
    }

    [Fact]
    public async Task Hours_in_berlin_show_two_different_two_oclocks_the_night_the_clocks_go_back_and_that_day_has_25_hours()
    {
        var report = await fixture.Admin.GetAsync("/api/v1/reports/overview?from=2026-10-25&to=2026-10-26&timeZone=Europe/Berlin&granularity=hour");
        var rows = report.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("period").GetString()!, r => r.GetProperty("measures"));

        Assert.Equal(4, rows["2026-10-25T02:00:00+02:00"].GetProperty("started").GetInt64());
        Assert.Equal(4, rows["2026-10-25T02:00:00+01:00"].GetProperty("started").GetInt64());
        Assert.Equal(60, report.GetProperty("total").GetProperty("started").GetInt64());
        Assert.Equal(TimeSpan.FromHours(25), report.GetProperty("to").GetDateTimeOffset() - report.GetProperty("from").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_week_starts_on_monday_in_the_time_zone()
    {
        var report = await fixture.Admin.GetAsync("/api/v1/reports/csat?from=2026-10-19&to=2026-10-26&timeZone=Europe/Berlin&granularity=week");
        var row = Assert.Single(report.GetProperty("rows").EnumerateArray());

        Assert.Equal("2026-10-19", row.GetProperty("period").GetString());
        Assert.Equal(15, row.GetProperty("measures").GetProperty("surveysAnswered").GetInt64());
    }

    [Fact]
    public async Task The_operators_report_has_one_line_per_operator_who_took_conversations_and_the_bot_report_one_per_entry_point()
    {
        var operators = (await fixture.Admin.GetAsync($"/api/v1/reports/operators?{Range}&timeZone=UTC")).GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("operatorId").GetGuid(), r => r.GetProperty("measures"));
        var bot = (await fixture.Admin.GetAsync($"/api/v1/reports/bot?{Range}&timeZone=UTC")).GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("entryPoint").GetString()!, r => r.GetProperty("measures"));

        Assert.Equal(new[] { fixture.OperatorA, KnownHistory.OperatorB }.Order(), operators.Keys.Order());
        Assert.Equal((10, 60, 90), OperatorFigures(operators[fixture.OperatorA]));
        Assert.Equal((10, 240, 300), OperatorFigures(operators[KnownHistory.OperatorB]));
        Assert.Equal(30, bot["promo"].GetProperty("started").GetInt64());
        Assert.Equal(30, bot["promo"].GetProperty("containedByBot").GetInt64());
        Assert.Equal(70, bot[""].GetProperty("started").GetInt64());
    }

    [Fact]
    public async Task The_conversations_report_splits_by_channel_and_a_channel_filter_keeps_one()
    {
        var all = await fixture.Admin.GetAsync($"/api/v1/reports/conversations?{Range}&timeZone=UTC&granularity=week");
        var telegram = await fixture.Admin.GetAsync($"/api/v1/reports/conversations?{Range}&timeZone=UTC&granularity=week&channel=telegram");

        var byChannel = all.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("channel").GetString()!, r => r.GetProperty("measures"));
        Assert.Equal(50, byChannel["Telegram"].GetProperty("started").GetInt64());
        Assert.Equal(50, byChannel["Widget"].GetProperty("started").GetInt64());
        Assert.Equal(10, byChannel["Telegram"].GetProperty("handedOverBotGaveUp").GetInt64());
        Assert.Equal(50, telegram.GetProperty("total").GetProperty("started").GetInt64());
        Assert.Equal("Telegram", Assert.Single(telegram.GetProperty("rows").EnumerateArray()).GetProperty("channel").GetString());
    }

    [Fact]
    public async Task An_operator_sees_only_the_conversations_they_took_and_cannot_ask_for_a_colleague()
    {
        var mine = await fixture.OperatorA_Session.GetAsync($"/api/v1/reports/overview?{Range}&timeZone=UTC");
        var colleague = await fixture.OperatorA_Session.Http.GetAsync($"/api/v1/reports/overview?{Range}&operatorId={KnownHistory.OperatorB}");

        Assert.Equal(10, mine.GetProperty("total").GetProperty("started").GetInt64());
        Assert.Equal(10, mine.GetProperty("total").GetProperty("taken").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, colleague.StatusCode);
        Assert.Contains("operatorId", (await colleague.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenant_sees_none_of_these_figures()
    {
        using var rival = await fixture.App.RivalAsync();
        var report = await rival.GetAsync($"/api/v1/reports/overview?{Range}&timeZone=UTC");

        Assert.Equal(0, report.GetProperty("total").GetProperty("started").GetInt64());
        Assert.Empty(report.GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public async Task Csv_comes_with_the_report_columns_by_accept_header_or_format_and_the_same_figures()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/reports/overview?{Range}&timeZone=UTC");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var byHeader = await fixture.Admin.Http.SendAsync(request);
        var byFormat = await fixture.Admin.Http.GetStringAsync($"/api/v1/reports/operators?{Range}&timeZone=UTC&format=csv");

        Assert.Equal("text/csv", byHeader.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", byHeader.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        var lines = (await byHeader.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal(["period", .. ReportCsv.MeasureColumns], header);
        Assert.Equal(3, lines.Length); // header and two days
        var day1 = lines[1].Split(',');
        Assert.Equal("2026-10-24", day1[0]);
        Assert.Equal("48", day1[Array.IndexOf(header, "started")]);
        var operatorLines = byFormat.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["operator_id", .. ReportCsv.MeasureColumns], operatorLines[0].Split(','));
        Assert.Equal(3, operatorLines.Length);
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-10-26&to=2026-10-24", "from must be before to")]
    [InlineData("from=2024-01-01&to=2026-01-01", "366 days")]
    [InlineData("from=2026-01-01&to=2026-03-01&granularity=hour", "granularity")]
    [InlineData("granularity=minute", "granularity")]
    [InlineData("granularity=1", "granularity")]
    [InlineData("channel=fax", "channel")]
    [InlineData("channel=NotificationEmail", "channel")]
    [InlineData("timeZone=Mars/Olympus", "timeZone")]
    [InlineData("operatorId=me", "operatorId")]
    [InlineData("format=xml", "format")]
    [InlineData("from=2026-10-24T10:00:00", "from")]
    [InlineData("from=1999-12-31", "from is between")]
    [InlineData("to=2026-10-24T10:00:00%2B99:00", "to")]
    public async Task A_bad_query_is_a_400_problem_naming_the_parameter(string query, string named)
    {
        var response = await fixture.Admin.Http.GetAsync("/api/v1/reports/overview?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_need_a_login_and_a_recompute_needs_an_admin()
    {
        using var anonymous = fixture.App.NewClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/reports/overview")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.OperatorA_Session.PostAsync("/api/v1/reports/recompute")).StatusCode);
    }

    [Fact]
    public async Task A_recompute_from_history_gives_the_same_figures()
    {
        var before = await fixture.Admin.GetAsync($"/api/v1/reports/overview?{Range}&timeZone=UTC");

        var recomputed = await fixture.Admin.PostAsync("/api/v1/reports/recompute");
        await fixture.App.App.Service<IReportStore>().ClearAsync(fixture.Admin.TenantId); // so only the recompute can bring the figures back
        await fixture.App.App.Service<ReportAggregator>().FlushAsync(); // the background run that does it
        var after = await fixture.Admin.GetAsync($"/api/v1/reports/overview?{Range}&timeZone=UTC");

        Assert.Equal(HttpStatusCode.Accepted, recomputed.StatusCode);
        Assert.Equal(before.GetProperty("total").GetRawText(), after.GetProperty("total").GetRawText());
    }

    private static (long, long, long, long) Figures(JsonElement row)
    {
        var m = row.GetProperty("measures");
        return (m.GetProperty("started").GetInt64(), m.GetProperty("containedByBot").GetInt64(), m.GetProperty("handedOverAsked").GetInt64(),
            m.GetProperty("handedOverBotGaveUp").GetInt64());
    }

    private static (long, int, int) OperatorFigures(JsonElement m) =>
        (m.GetProperty("taken").GetInt64(), m.GetProperty("waitP50Seconds").GetInt32(), m.GetProperty("firstResponseP50Seconds").GetInt32());

    /// <summary>The app with the known history in the demo tenant, operator A a real operator who can sign in.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public ApiFixture App { get; } = new();

        public ApiSession Admin { get; private set; } = null!;

        public ApiSession OperatorA_Session { get; private set; } = null!;

        public Guid OperatorA => OperatorA_Session.OperatorId;

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            Admin = await App.DemoAsync();
            (await Admin.PostAsync("/api/v1/admin/operators", new { username = "reports-a", displayName = "Anna", role = "Operator", capacity = 3, password = "reports-a-pass" }))
                .EnsureSuccessStatusCode();
            OperatorA_Session = await ApiSession.SignInAsync(App.NewClient(), "demo", "reports-a", "reports-a-pass");
            var history = new KnownHistory(Admin.TenantId, OperatorA_Session.OperatorId);
            var aggregator = App.App.Service<ReportAggregator>();
            await history.CommitAllAsync(App.App.Store, async i =>
            {
                if (i % 4 == 0)
                {
                    await aggregator.FlushAsync();
                }
            });
            await aggregator.FlushAsync();
        }

        public async Task DisposeAsync()
        {
            Admin.Dispose();
            OperatorA_Session.Dispose();
            await App.DisposeAsync();
        }
    }
}
