using System.Text.Json;
using ExpansionScoring.Cli.Output;
using ExpansionScoring.Serialization;

namespace ExpansionScoring.Cli.Reports;

/// <summary>
/// <c>portfolio --format json</c>: exactly the contract's shape — <c>accountCount</c>, <c>totalArr</c>, <c>pipeline</c>,
/// <c>bands</c>, <c>windows</c>, <c>topOffers</c> (each with its band, effective window, rationale and confidence), <c>headline</c>, <c>reportCard</c> — with enums as SPEC names. The
/// report card is written by the library's source-generated JSON contract, camelCased.
/// </summary>
internal static class PortfolioJson
{
    /// <summary>The library's contract with web (camelCase) naming, for the shapes the CLI writes whole.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static void Write(TextWriter output, PortfolioReport report)
    {
        var p = report.Portfolio;
        using var sink = new JsonTextSink(output, indented: true);
        var w = sink.Json;
        w.WriteStartObject();
        w.WriteNumber("accountCount", p.AccountCount);
        w.WriteNumber("totalArr", p.Arr);
        w.WriteNumber("pipeline", p.Pipeline);
        w.WriteStartObject("bands");
        foreach (var (name, bucket) in p.Bands)
        {
            WriteBucket(w, name, bucket);
        }

        w.WriteEndObject();
        w.WriteStartObject("windows");
        foreach (var (window, _) in PortfolioReport.Windows)
        {
            WriteBucket(w, window.ToString(), report.Window(window));
        }

        w.WriteEndObject();
        w.WriteStartArray("topOffers");
        foreach (var o in p.TopOffers)
        {
            w.WriteStartObject();
            w.WriteString("accountId", o.AccountId);
            w.WriteString("name", o.Name);
            w.WriteString("offer", o.Offer.ToString());
            w.WriteString("offerLabel", o.OfferLabel);
            w.WriteNumber("probability", o.Probability);
            w.WriteNumber("opportunity", o.Opportunity);
            w.WriteString("band", o.Band);
            w.WriteString("window", o.EffectiveWindow.ToString());
            var explained = report.Explain(o);
            if (explained is not null)
            {
                w.WriteString("rationale", explained.Rationale);
                w.WriteString("confidence", explained.Confidence.ToString());
            }
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("headline", p.Headline);
        w.WritePropertyName("reportCard");
        JsonSerializer.Serialize(w, p.ReportCard, Options);
        w.WriteEndObject();
        w.Flush();
        sink.Drain();
        output.WriteLine();
    }

    private static void WriteBucket(Utf8JsonWriter w, string name, PortfolioBucket bucket)
    {
        w.WriteStartObject(name);
        w.WriteNumber("count", bucket.Count);
        w.WriteNumber("arr", bucket.Arr);
        w.WriteNumber("opportunity", bucket.Opportunity);
        w.WriteEndObject();
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
