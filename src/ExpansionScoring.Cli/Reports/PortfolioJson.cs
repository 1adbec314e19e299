using System.Text.Json;
using ExpansionScoring.Cli.Output;
using ExpansionScoring.Serialization;

namespace ExpansionScoring.Cli.Reports;

/// <summary>
/// <c>portfolio --format json</c>: the library's portfolio summary contract (<see cref="ExpansionScoringJson.WritePortfolioSummary"/>,
/// the same JSON a service answers) — <c>accountCount</c>, <c>totalArr</c>, <c>pipeline</c>, <c>bands</c>, <c>windows</c>,
/// <c>topOffers</c>, <c>headline</c>, <c>reportCard</c> — camelCased, with enums as SPEC names.
/// </summary>
internal static class PortfolioJson
{
    /// <summary>The library's contract with web (camelCase) naming, for the shapes the CLI writes whole.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static void Write(TextWriter output, PortfolioReport report)
    {
        using var sink = new JsonTextSink(output, indented: true);
        ExpansionScoringJson.WritePortfolioSummary(sink.Json, report.Portfolio, Options);
        sink.Drain();
        output.WriteLine();
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.ConfigureForExpansionScoring();
        options.MakeReadOnly();
        return options;
    }
}
