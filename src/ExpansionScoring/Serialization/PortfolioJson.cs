using ExpansionScoring.Windows;
using System.Text.Json;

namespace ExpansionScoring.Serialization;

/// <summary>
/// The summary shape of a <see cref="Portfolio"/> that <c>expansion-score portfolio --format json</c> and services
/// answer: <c>accountCount</c>, <c>totalArr</c>, <c>pipeline</c>, <c>bands</c> and <c>windows</c> (each
/// <c>{"count","arr","opportunity"}</c>, every band highest first, every window in calendar order), <c>topOffers</c>
/// (each with its band, effective window, rationale and confidence),
/// <c>headline</c> and <c>reportCard</c> (the library's <see cref="Reporting.ReportCard"/> contract). Names follow the options'
/// naming policy; enums are SPEC names.
/// </summary>
internal static class PortfolioJson
{
    /// <summary>The contract's property names, PascalCase; <see cref="ContractNames"/> applies the naming policy.</summary>
    public enum Field
    {
        AccountCount,
        TotalArr,
        Pipeline,
        Bands,
        Windows,
        TopOffers,
        Headline,
        ReportCard,
        Count,
        Arr,
        Opportunity,
        AccountId,
        Name,
        Offer,
        OfferLabel,
        Probability,
        Band,
        Window,
        Rationale,
        Confidence,
    }

    private static readonly PitchWindow[] CalendarOrder = [PitchWindow.Now, PitchWindow.Next30Days, PitchWindow.Next60Days, PitchWindow.Nurture];

    public static void Write(Utf8JsonWriter w, Portfolio p, JsonSerializerOptions? options)
    {
        var n = ContractNames.For(options);
        w.WriteStartObject();
        w.WriteNumber(n[Field.AccountCount], p.AccountCount);
        w.WriteNumber(n[Field.TotalArr], p.Arr);
        w.WriteNumber(n[Field.Pipeline], p.Pipeline);
        w.WriteStartObject(n[Field.Bands]);
        foreach (var (name, bucket) in p.Bands)
        {
            WriteBucket(w, n, name, bucket);
        }

        w.WriteEndObject();
        w.WriteStartObject(n[Field.Windows]);
        foreach (var window in CalendarOrder)
        {
            WriteBucket(w, n, window.ToString(), p.Windows.TryGetValue(window, out var bucket) ? bucket : PortfolioBucket.Empty);
        }

        w.WriteEndObject();
        w.WriteStartArray(n[Field.TopOffers]);
        foreach (var o in p.TopOffers)
        {
            w.WriteStartObject();
            w.WriteString(n[Field.AccountId], o.AccountId);
            w.WriteString(n[Field.Name], o.Name);
            w.WriteString(n[Field.Offer], o.Offer.ToString());
            w.WriteString(n[Field.OfferLabel], o.OfferLabel);
            w.WriteNumber(n[Field.Probability], o.Probability);
            w.WriteNumber(n[Field.Opportunity], o.Opportunity);
            w.WriteString(n[Field.Band], o.Band);
            w.WriteString(n[Field.Window], o.EffectiveWindow.ToString());
            w.WriteString(n[Field.Rationale], o.Rationale);
            w.WriteString(n[Field.Confidence], o.Confidence.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString(n[Field.Headline], p.Headline);
        w.WritePropertyName(n[Field.ReportCard]);
        JsonSerializer.Serialize(w, p.ReportCard, ExpansionScoringJsonContextFor(options));
        w.WriteEndObject();
    }

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<Reporting.ReportCard> ExpansionScoringJsonContextFor(JsonSerializerOptions? options)
        => options is not null && options.TryGetTypeInfo(typeof(Reporting.ReportCard), out var info)
            ? (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Reporting.ReportCard>)info
            : (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Reporting.ReportCard>)ExpansionScoringJson.Options.GetTypeInfo(typeof(Reporting.ReportCard));

    private static void WriteBucket(Utf8JsonWriter w, ContractNames n, string name, PortfolioBucket bucket)
    {
        w.WriteStartObject(name);
        w.WriteNumber(n[Field.Count], bucket.Count);
        w.WriteNumber(n[Field.Arr], bucket.Arr);
        w.WriteNumber(n[Field.Opportunity], bucket.Opportunity);
        w.WriteEndObject();
    }
}
