using ExpansionScoring;
using ExpansionScoring.Extensions.DependencyInjection;
using ExpansionScoring.Presets;
using ExpansionScoring.Samples.AspNetCore;
using ExpansionScoring.Serialization;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);

// 1. Register scoring. Options come from the "ExpansionScoring" section of appsettings.json with no extra code,
//    are validated when the host starts (a bad key stops it with a message naming every problem), and the
//    compiled model is rebuilt and swapped when the file changes.
builder.Services.AddExpansionScoring();

// 2. The service's limits (body size, accounts per batch, JSON depth, NDJSON line length) from the "ScoringService"
//    section, checked at start-up like the scoring options.
builder.Services.AddOptions<ScoringServiceOptions>()
    .BindConfiguration(ScoringServiceOptions.Section)
    .ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<ScoringServiceOptions>, ScoringServiceOptionsValidator>();
builder.Services.AddSingleton<AccountRequestReader>();

// 3. Use the library's JSON contract (signals as {"PlanFit":92}, enums as strings, dates as yyyy-MM-dd) on top of
//    ASP.NET Core's web defaults, and answer errors with RFC 7807 problem details. A client's mistake (a body too
//    large, a bad query value) is a 4xx problem, logged at debug level; only a bug is a 500 logged as an error.
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.ConfigureForExpansionScoring());
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ClientErrorExceptionHandler>();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();

// 4. POST /score — one account, an array, or application/x-ndjson (one per line); ?asOf=yyyy-MM-dd, else today
//    from the registered TimeProvider.
app.MapPost("/score", ScoringEndpoints.ScoreAsync);

// 5. POST /portfolio — a book (array or NDJSON) summarised by the library's Portfolio, in the JSON of
//    `expansion-score portfolio --format json`; ?asOf=yyyy-MM-dd&top=10.
app.MapPost("/portfolio", ScoringEndpoints.PortfolioAsync);

// 6. POST /compare — two books, {"before": [...], "after": [...]}, compared by the library's BookChanges, in the JSON of
//    `expansion-score compare --format json`; ?asOfAfter (or asOf, else today) and ?asOfBefore (else the after date),
//    &all=true to list unchanged accounts too.
app.MapPost("/compare", ScoringEndpoints.CompareAsync);

// 7. GET /presets — the presets this host can use, and which one each segment uses now.
app.MapGet("/presets", (IExpansionScorer scorer, IOptionsMonitor<ExpansionScoringOptions> options) =>
{
    var model = scorer.Model;
    var custom = options.CurrentValue.Presets.Select(p => WeightPreset.Create(p.Key, p.Value));
    var bySegment = Enum.GetValues<Segment>().ToDictionary(s => s, s => model.PresetFor(s).Name);
    var all = WeightPreset.BuiltInPresets.Concat(custom).Concat(Enum.GetValues<Segment>().Select(model.PresetFor)).DistinctBy(p => p.Name);
    return Results.Ok(new PresetList([.. all], bySegment));
});

app.Run();

/// <summary>Makes the generated Program class visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

/// <summary>The presets a host can use, and the one each segment uses.</summary>
internal sealed record PresetList(IReadOnlyList<WeightPreset> Presets, IReadOnlyDictionary<Segment, string> BySegment);
