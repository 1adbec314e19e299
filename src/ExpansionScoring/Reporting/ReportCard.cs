using ExpansionScoring.Internal;

namespace ExpansionScoring.Reporting;

/// <summary>
/// The portfolio report card (SPEC §11): seven dimensions graded 0..100 with letters, the portfolio grade (their
/// mean), the weakest dimension with one line of advice, the Saturated-zone and instrument-first flags, and how much
/// of the book's scoring weight rests on observed signals. Immutable; built by <see cref="Portfolio"/>.
/// </summary>
/// <remarks>
/// Default formulas (every threshold is a <see cref="ReportCardOptions"/> option). "High bands" are the bands whose
/// floor is at least 50 (Hot and Warm); the top band is the first band (Hot).
/// <list type="bullet">
/// <item>Account Expansion = 100 × ARR in high bands / book ARR.</item>
/// <item>Pipeline $ Quality = 100 × opportunity dollars in high bands / all opportunity dollars.</item>
/// <item>Plan-Fit Saturation: u = accounts at or above 85 % seat saturation that are neither gated nor in Now, over
/// accounts with seat data (PlanFit / 100 stands in when seat data is missing); score = 100 × max(0, 1 − u / 0.80).
/// The book is in the Saturated zone when more than 40 % of accounts with seat data are saturated.</item>
/// <item>Champion Strength = mean Champion signal over accounts where it is present.</item>
/// <item>Trigger Event Capture: t = accounts whose Triggers signal is above 0, over all accounts; 0 → 0 points,
/// 20 % ("operating blind" below it) → 50, 60 % ("a systematic feed" above it) → 100, linear in between.</item>
/// <item>Time-to-Pitch Discipline = 100 × top-band (Hot) accounts not gated whose effective window is Now, over
/// top-band accounts not gated.</item>
/// <item>Coverage: c = accounts with any signal ≥ 60, over all accounts; score = min(100, c × 60 / 0.25, 100 ×
/// <see cref="DataCoverage"/>), so a quarter of the book scores 60, and a book whose accounts rest on a small share of
/// their signal weight cannot grade higher than that share (one signal of five under MidMarketBalanced: at most 30);
/// below 35 the card says to instrument before pitching.</item>
/// </list>
/// A dimension without data (no seat data, no Hot account, no pipeline…) has a <see langword="null"/> score and is left
/// out of the mean. ARR-weighted scores use the same formulas with each account weighted by its ARR.
/// </remarks>
public sealed class ReportCard
{
    internal const string NotApplicable = "N/A";

    /// <summary>Gets the number of accounts graded.</summary>
    public int AccountCount { get; init; }

    /// <summary>Gets the portfolio score: the mean of the applicable dimensions' scores; <see langword="null"/> when none applies.</summary>
    public double? Score { get; init; }

    /// <summary>Gets the letter for <see cref="Score"/>, or <c>"N/A"</c>.</summary>
    public required string Grade { get; init; }

    /// <summary>Gets the mean of the applicable dimensions' ARR-weighted scores.</summary>
    public double? ArrWeightedScore { get; init; }

    /// <summary>Gets the letter for <see cref="ArrWeightedScore"/>, or <c>"N/A"</c>.</summary>
    public required string ArrWeightedGrade { get; init; }

    /// <summary>Gets the seven dimensions, in SPEC order.</summary>
    public required IReadOnlyList<ReportCardDimension> Dimensions { get; init; }

    /// <summary>Gets the applicable dimension with the lowest score (the earlier in SPEC order on a tie); <see langword="null"/> when none applies.</summary>
    public ReportDimension? Weakest { get; init; }

    /// <summary>Gets one line of advice for the weakest dimension.</summary>
    public required string Advice { get; init; }

    /// <summary>Gets the share 0..1 of accounts with seat data that are saturated; <see langword="null"/> without seat data.</summary>
    public double? SaturatedShare { get; init; }

    /// <summary>Gets a value indicating whether the book is in the "Saturated zone": more than 40 % of accounts with seat data are saturated.</summary>
    public bool IsSaturatedZone { get; init; }

    /// <summary>Gets a value indicating whether Coverage is below 35: instrument before pitching.</summary>
    public bool InstrumentFirst { get; init; }

    /// <summary>
    /// Gets the data coverage 0..1: the mean, over accounts, of the share of the account's preset weight that rests on
    /// observed signals rather than missing ones. <see langword="null"/> for an empty book.
    /// </summary>
    public double? DataCoverage { get; init; }

    /// <summary>Gets <see cref="DataCoverage"/> with each account weighted by its ARR.</summary>
    public double? ArrWeightedDataCoverage { get; init; }

    /// <summary>Gets, per signal of the model, the share 0..1 of accounts where it was observed.</summary>
    public required IReadOnlyDictionary<string, double> SignalCoverage { get; init; }

    /// <summary>Gets one dimension.</summary>
    /// <param name="dimension">The dimension.</param>
    /// <returns>Its grading.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is undefined.</exception>
    public ReportCardDimension Get(ReportDimension dimension) => Dimensions[(int)Guard.Defined(dimension)];

    /// <summary>Returns the letter a score earns on the letter scale of <paramref name="options"/>.</summary>
    /// <param name="score">The score, 0..100.</param>
    /// <param name="options">The options; <see langword="null"/> for the SPEC scale.</param>
    /// <returns>The letter, such as <c>"B+"</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is NaN or infinite.</exception>
    /// <exception cref="ScoringConfigurationException">The options are invalid.</exception>
    public static string LetterFor(double score, ReportCardOptions? options = null)
    {
        Guard.Finite(score);
        if (options is not null)
        {
            var errors = options.Validate();
            if (errors.Count > 0)
            {
                throw new ScoringConfigurationException(errors);
            }
        }

        return Letter(score, (options ?? new ReportCardOptions()).ResolveLetterScale());
    }

    internal static string Letter(double? score, KeyValuePair<string, double>[] scaleHighestFirst)
    {
        if (score is not { } s)
        {
            return NotApplicable;
        }

        foreach (var step in scaleHighestFirst)
        {
            if (s >= step.Value - 1e-9)
            {
                return step.Key;
            }
        }

        return scaleHighestFirst[^1].Key;
    }
}
