using System.Text.Json;
using ExpansionScoring;
using ExpansionScoring.DependencyInjection;
using ExpansionScoring.Presets;
using ExpansionScoring.Serialization;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);

// 1. Register scoring. Options come from the "ExpansionScoring" section of appsettings.json with no extra code,
//    are validated when the host starts (a bad key stops it with a message naming every problem), and the
//    compiled model is rebuilt and swapped when the file changes.
builder.Services.AddExpansionScoring();

// 2. Use the library's JSON contract (signals as {"PlanFit":92}, enums as strings, dates as yyyy-MM-dd) on top of
//    ASP.NET Core's web defaults, and answer errors with RFC 7807 problem details.
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.ConfigureForExpansionScoring());
builder.Services.AddProblemDetails();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();

// 3. POST /score — one account or an array; ?asOf=yyyy-MM-dd, else today from the registered TimeProvider.
app.MapPost("/score", async (HttpRequest request, DateOnly? asOf, IExpansionScorer scorer, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) =>
{
    var (accounts, isBatch, problem) = await ReadAccountsAsync(request, json.Value.SerializerOptions);
    if (problem is not null)
    {
        return problem;
    }

    var results = scorer.Explain(accounts!, asOf);
    return isBatch ? Results.Ok(results) : Results.Ok(results[0]);
});

// 4. POST /portfolio — a book of accounts, summed per band (count, ARR, dollar opportunity).
app.MapPost("/portfolio", async (HttpRequest request, DateOnly? asOf, IExpansionScorer scorer, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) =>
{
    var (accounts, _, problem) = await ReadAccountsAsync(request, json.Value.SerializerOptions);
    if (problem is not null)
    {
        return problem;
    }

    // TODO: return the core portfolio and report card once ExpansionScoring.Portfolio lands; until then this is
    // only the per-band sum, read off the explained results of one model.
    var model = scorer.Model;
    var results = scorer.Explain(accounts!, asOf);
    var bands = model.Bands.Select(b => new BandSummary(
        b.Name,
        results.Count(r => r.Band == b.Name),
        results.Where(r => r.Band == b.Name).Sum(r => r.Arr),
        results.Where(r => r.Band == b.Name).Sum(r => r.Opportunity)));
    return Results.Ok(new PortfolioSummary(results.Count, results.Sum(r => r.Arr), results.Sum(r => r.Opportunity), [.. bands]));
});

// 5. GET /presets — the presets this host can use, and which one each segment uses now.
app.MapGet("/presets", (IExpansionScorer scorer, IOptionsMonitor<ExpansionScoringOptions> options) =>
{
    var model = scorer.Model;
    var custom = options.CurrentValue.Presets.Select(p => WeightPreset.Create(p.Key, p.Value));
    var bySegment = Enum.GetValues<Segment>().ToDictionary(s => s, s => model.PresetFor(s).Name);
    var all = WeightPreset.BuiltInPresets.Concat(custom).Concat(Enum.GetValues<Segment>().Select(model.PresetFor)).DistinctBy(p => p.Name);
    return Results.Ok(new PresetList([.. all], bySegment));
});

app.Run();

// Reads one account or an array, and turns every bad field into a 400 problem-details answer. Bad input is the
// client's mistake, not the server's: nothing here is logged at error level.
static async Task<(IReadOnlyList<Account>? Accounts, bool IsBatch, IResult? Problem)> ReadAccountsAsync(HttpRequest request, JsonSerializerOptions options)
{
    JsonDocument document;
    try
    {
        document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
    }
    catch (JsonException ex)
    {
        return (null, false, Results.ValidationProblem(new Dictionary<string, string[]> { ["$"] = [$"The body is not valid JSON: {ex.Message}"] }));
    }

    using (document)
    {
        var root = document.RootElement;
        if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return (null, false, Results.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["Send one account (a JSON object) or an array of accounts."] }));
        }

        return ExpansionScoringJson.TryReadAccounts(root, out var accounts, out var errors, options)
            ? (accounts, root.ValueKind == JsonValueKind.Array, null)
            : (null, false, Results.ValidationProblem(errors.ToDictionary(), title: "One or more accounts are invalid."));
    }
}

/// <summary>Makes the generated Program class visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

/// <summary>One band of a book.</summary>
internal sealed record BandSummary(string Band, int Count, double Arr, double Opportunity);

/// <summary>A book summed per band.</summary>
internal sealed record PortfolioSummary(int Accounts, double Arr, double Pipeline, IReadOnlyList<BandSummary> Bands);

/// <summary>The presets a host can use, and the one each segment uses.</summary>
internal sealed record PresetList(IReadOnlyList<WeightPreset> Presets, IReadOnlyDictionary<Segment, string> BySegment);
