using System.Text.Json;

namespace ExpansionScoring.Serialization;

/// <content>Writers of the contract shapes for callers that stream JSON themselves.</content>
public static partial class ExpansionScoringJson
{
    /// <summary>
    /// Writes a scored account in the library's one contract (the shape of <see cref="ScoredAccountJsonConverter"/>),
    /// straight to a writer: what the command-line tool's <c>score --format json</c> writes for each account.
    /// </summary>
    /// <param name="writer">The writer.</param>
    /// <param name="account">The scored account.</param>
    /// <param name="options">Options whose naming policy applies; <see langword="null"/> for <see cref="Options"/> (PascalCase).</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="account"/> is <see langword="null"/>.</exception>
    public static void WriteScoredAccount(Utf8JsonWriter writer, ScoredAccount account, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(account);
        ScoredAccountJson.Write(writer, account, options);
    }

    /// <summary>
    /// Writes a portfolio's summary (<c>accountCount</c>, <c>totalArr</c>, <c>pipeline</c>, <c>bands</c>, <c>windows</c>,
    /// <c>topOffers</c>, <c>headline</c>, <c>reportCard</c>): the JSON of <c>expansion-score portfolio --format json</c>,
    /// for a service to answer the same. (Serializing a <see cref="Portfolio"/> itself writes every property, for a
    /// lossless round trip.)
    /// </summary>
    /// <param name="writer">The writer.</param>
    /// <param name="portfolio">The portfolio.</param>
    /// <param name="options">Options whose naming policy applies; <see langword="null"/> for <see cref="Options"/> (PascalCase).</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="portfolio"/> is <see langword="null"/>.</exception>
    public static void WritePortfolioSummary(Utf8JsonWriter writer, Portfolio portfolio, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(portfolio);
        PortfolioJson.Write(writer, portfolio, options);
    }
}
