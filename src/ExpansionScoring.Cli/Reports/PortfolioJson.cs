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
        if (report.GroupBy is { } groupBy)
        {
            // --group-by: the book's summary and one per value of the column, each in the same contract.
            var w = sink.Json;
            w.WriteStartObject();
            w.WriteString("groupBy", groupBy);
            w.WritePropertyName("book");
            ExpansionScoringJson.WritePortfolioSummary(w, report.Portfolio, Options);
            w.WriteStartArray("groups");
            foreach (var (value, portfolio) in report.Groups)
            {
                w.WriteStartObject();
                w.WriteString("value", value);
                w.WritePropertyName("portfolio");
                ExpansionScoringJson.WritePortfolioSummary(w, portfolio, Options);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            sink.Drain();
            output.WriteLine();
            return;
        }

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
