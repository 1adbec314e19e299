using ExpansionScoring.Internal;
using ExpansionScoring.Reporting;
using ExpansionScoring.Windows;

namespace ExpansionScoring;

/// <summary>
/// A book of accounts summarised (SPEC §11): count and ARR, the probability-weighted pipeline (the sum of
/// opportunities), per band and per effective pitch window, gated accounts apart, the top offers by dollars, a
/// headline, the report card and, when asked for, the heatmap. Immutable and JSON-friendly.
/// </summary>
/// <remarks>
/// Every account is counted in exactly one band and exactly one window, so the per-band and per-window buckets each add
/// up to the totals. Gated accounts keep their band and sit in the Nurture window (SPEC §8); <see cref="Gated"/>
/// counts them again, apart. Money totals are exact sums of each account's amount rounded to a millionth.
/// </remarks>
public sealed class Portfolio
{
    /// <summary>Gets the date the book was scored as of.</summary>
    public DateOnly AsOf { get; init; }

    /// <summary>Gets the number of accounts.</summary>
    public int AccountCount { get; init; }

    /// <summary>Gets the book's total annual recurring revenue.</summary>
    public double Arr { get; init; }

    /// <summary>Gets the probability-weighted pipeline dollars: the sum of the accounts' opportunities.</summary>
    public double Pipeline { get; init; }

    /// <summary>Gets count, ARR and opportunity per band name, every band of the model present, highest band first.</summary>
    public required IReadOnlyDictionary<string, PortfolioBucket> Bands { get; init; }

    /// <summary>Gets count, ARR and opportunity per effective pitch window (overrides applied), every window present.</summary>
    public required IReadOnlyDictionary<PitchWindow, PortfolioBucket> Windows { get; init; }

    /// <summary>Gets the gated accounts, counted apart (their opportunity is 0 by SPEC §8).</summary>
    public required PortfolioBucket Gated { get; init; }

    /// <summary>Gets the number of accounts whose window was overridden by a person.</summary>
    public int OverriddenCount { get; init; }

    /// <summary>Gets the top offers by dollars, best first: more dollars, then higher probability, then account id. Zero-dollar offers are left out.</summary>
    public required IReadOnlyList<TopOffer> TopOffers { get; init; }

    /// <summary>Gets the headline, such as "Pitch Acme Corp next — $30K on the table".</summary>
    public required string Headline { get; init; }

    /// <summary>Gets the report card.</summary>
    public required ReportCard ReportCard { get; init; }

    /// <summary>
    /// Gets one heatmap cell per account, by probability (highest first, then account id), or <see langword="null"/> unless
    /// <see cref="PortfolioOptions.IncludeHeatmap"/> was on. Re-sort with <see cref="ExpansionScoring.Heatmap.Sort"/>.
    /// </summary>
    public IReadOnlyList<HeatmapCell>? Heatmap { get; init; }

    /// <summary>Scores a book and summarises it.</summary>
    /// <param name="model">The scoring model.</param>
    /// <param name="accounts">The accounts, streamed once.</param>
    /// <param name="asOf">The date to score as of.</param>
    /// <param name="topN">How many top offers to keep. The default is 10.</param>
    /// <returns>The portfolio.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/>, <paramref name="accounts"/> or an account is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="topN"/> is negative.</exception>
    public static Portfolio Create(ScoringModel model, IEnumerable<Account> accounts, DateOnly asOf, int topN = 10)
    {
        Guard.NonNegative(topN);
        return Create(model, accounts, asOf, new PortfolioOptions { TopN = topN });
    }

    /// <summary>Scores a book and summarises it.</summary>
    /// <param name="model">The scoring model.</param>
    /// <param name="accounts">The accounts, streamed once.</param>
    /// <param name="asOf">The date to score as of.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <returns>The portfolio.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/>, <paramref name="accounts"/> or an account is <see langword="null"/>.</exception>
    /// <exception cref="ScoringConfigurationException">The options are invalid; the message lists every problem.</exception>
    public static Portfolio Create(ScoringModel model, IEnumerable<Account> accounts, DateOnly asOf, PortfolioOptions? options)
    {
        Guard.NotNull(model);
        Guard.NotNull(accounts);
        var accumulator = new PortfolioAccumulator(model, asOf, options);
        foreach (var account in accounts)
        {
            accumulator.Add(account ?? throw new ArgumentNullException(nameof(accounts), "An account is null."));
        }

        return accumulator.ToPortfolio();
    }

    /// <summary>Scores a book read asynchronously (a file, a database cursor) and summarises it in constant memory.</summary>
    /// <param name="model">The scoring model.</param>
    /// <param name="accounts">The accounts, streamed once.</param>
    /// <param name="asOf">The date to score as of.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The portfolio.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/>, <paramref name="accounts"/> or an account is <see langword="null"/>.</exception>
    /// <exception cref="ScoringConfigurationException">The options are invalid; the message lists every problem.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<Portfolio> CreateAsync(ScoringModel model, IAsyncEnumerable<Account> accounts, DateOnly asOf, PortfolioOptions? options = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(model);
        Guard.NotNull(accounts);
        var accumulator = new PortfolioAccumulator(model, asOf, options);
        await foreach (var account in accounts.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            accumulator.Add(account ?? throw new ArgumentNullException(nameof(accounts), "An account is null."));
        }

        return accumulator.ToPortfolio();
    }
}
