using System.Globalization;

namespace ExpansionScoring.Reporting;

/// <summary>
/// The thresholds of the report card's default formulas and its letter scale (SPEC §11). The dimensions are the
/// SPEC's; the formulas are our documented defaults, and every number in them is an option here.
/// </summary>
public sealed class ReportCardOptions
{
    /// <summary>
    /// Gets or sets the lowest band floor that counts as "Hot + Warm": bands whose minimum probability is at least
    /// this value. Reading it from the floors keeps the card right for renamed or re-cut bands.
    /// <value>The default value is 50 (Hot and Warm).</value>
    /// </summary>
    public double ExpansionBandMinProbability { get; set; } = 50;

    /// <summary>
    /// Gets or sets the seat saturation (ratio) at or above which an account is saturated. Seat saturation is
    /// <see cref="Account.GetSeatSaturation"/>, or PlanFit / 100 when the account has no seat data.
    /// <value>The default value is 0.85.</value>
    /// </summary>
    public double SaturationThreshold { get; set; } = 0.85;

    /// <summary>
    /// Gets or sets the share of accounts (with seat data) that must be saturated, strictly above it, for the book to be
    /// in the "Saturated zone". <value>The default value is 0.40.</value>
    /// </summary>
    public double SaturatedZoneShare { get; set; } = 0.40;

    /// <summary>
    /// Gets or sets the share of unpitched saturated accounts (saturated, not gated, effective window not Now) that
    /// scores 0 points; Plan-Fit Saturation falls linearly from 100 points at 0 to 0 points at this share, so half of
    /// it scores 50. <value>The default value is 0.80 (so the Saturated-zone share, 40 %, is the F line).</value>
    /// </summary>
    public double SaturationZeroPointsShare { get; set; } = 0.80;

    /// <summary>
    /// Gets or sets the Triggers signal an account must exceed to count as having a trigger event.
    /// <value>The default value is 0 (any trigger that has not fully decayed).</value>
    /// </summary>
    public double TriggerMinSignal { get; set; }

    /// <summary>
    /// Gets or sets the trigger-capture share below which the book is "operating blind"; it maps to 50 points, and 0 maps to 0.
    /// <value>The default value is 0.20.</value>
    /// </summary>
    public double TriggerBlindShare { get; set; } = 0.20;

    /// <summary>
    /// Gets or sets the trigger-capture share above which the book has "a systematic feed"; it maps to 100 points.
    /// <value>The default value is 0.60.</value>
    /// </summary>
    public double TriggerSystematicShare { get; set; } = 0.60;

    /// <summary>Gets or sets the signal value, on any signal, that makes an account's signal "meaningful" for Coverage. <value>The default value is 60.</value></summary>
    public double MeaningfulSignal { get; set; } = 60;

    /// <summary>Gets or sets the coverage share that maps to <see cref="CoverageAnchorPoints"/>. <value>The default value is 0.25 (a quarter of the book).</value></summary>
    public double CoverageAnchorShare { get; set; } = 0.25;

    /// <summary>
    /// Gets or sets the points that <see cref="CoverageAnchorShare"/> maps to; Coverage is linear through zero and
    /// capped at 100. <value>The default value is 60.</value>
    /// </summary>
    public double CoverageAnchorPoints { get; set; } = 60;

    /// <summary>Gets or sets the Coverage score below which the card says to instrument before pitching. <value>The default value is 35.</value></summary>
    public double InstrumentFirstBelow { get; set; } = 35;

    /// <summary>
    /// Gets or sets the letter scale; each letter is earned from its <see cref="LetterGradeOptions.MinScore"/> up, and
    /// a score below every step gets the lowest step's letter.
    /// <value>The default value is <see langword="null"/>, meaning A+ ≥ 97, A ≥ 93, A- ≥ 90, B+ ≥ 85, B ≥ 80, B- ≥ 75,
    /// C+ ≥ 70, C ≥ 65, C- ≥ 60, D ≥ 50, F below.</value>
    /// </summary>
    public List<LetterGradeOptions>? LetterScale { get; set; }

    /// <summary>Gets the SPEC letter scale, highest first.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> DefaultLetterScale { get; } =
    [
        new("A+", 97), new("A", 93), new("A-", 90), new("B+", 85), new("B", 80), new("B-", 75),
        new("C+", 70), new("C", 65), new("C-", 60), new("D", 50), new("F", 0),
    ];

    /// <summary>
    /// Lists every problem with these options, each naming its key (for example
    /// <c>ReportCard:SaturationThreshold must be a finite number in 0..10, was -1.</c>). Empty when valid.
    /// </summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Validate("ReportCard", errors);
        return errors;
    }

    internal void Validate(string path, List<string> errors)
    {
        void Range(string key, double value, double min, double max, bool minExclusive = false)
        {
            if (!double.IsFinite(value) || value < min || value > max || (minExclusive && value <= min))
            {
                string low = minExclusive ? $"above {F(min)} and at most {F(max)}" : $"in {F(min)}..{F(max)}";
                errors.Add($"{path}:{key} must be a finite number {low}, was {F(value)}.");
            }
        }

        Range(nameof(ExpansionBandMinProbability), ExpansionBandMinProbability, 0, 100);

        Range(nameof(SaturationThreshold), SaturationThreshold, 0, 10);
        Range(nameof(SaturatedZoneShare), SaturatedZoneShare, 0, 1);
        Range(nameof(SaturationZeroPointsShare), SaturationZeroPointsShare, 0, 1, minExclusive: true);
        Range(nameof(TriggerMinSignal), TriggerMinSignal, 0, 100);
        Range(nameof(TriggerBlindShare), TriggerBlindShare, 0, 1, minExclusive: true);
        Range(nameof(TriggerSystematicShare), TriggerSystematicShare, 0, 1, minExclusive: true);
        if (double.IsFinite(TriggerBlindShare) && double.IsFinite(TriggerSystematicShare) && TriggerSystematicShare <= TriggerBlindShare)
        {
            errors.Add($"{path}:{nameof(TriggerSystematicShare)} must be above {nameof(TriggerBlindShare)} ({F(TriggerBlindShare)}), was {F(TriggerSystematicShare)}.");
        }

        Range(nameof(MeaningfulSignal), MeaningfulSignal, 0, 100);
        Range(nameof(CoverageAnchorShare), CoverageAnchorShare, 0, 1, minExclusive: true);
        Range(nameof(CoverageAnchorPoints), CoverageAnchorPoints, 0, 100, minExclusive: true);
        Range(nameof(InstrumentFirstBelow), InstrumentFirstBelow, 0, 100);
        if (LetterScale is { } scale)
        {
            if (scale.Count == 0)
            {
                errors.Add($"{path}:{nameof(LetterScale)} must have at least one letter.");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < scale.Count; i++)
            {
                var step = scale[i];
                if (step is null)
                {
                    errors.Add($"{path}:{nameof(LetterScale)}:{i} is null.");
                    continue;
                }

                if (string.IsNullOrWhiteSpace(step.Letter))
                {
                    errors.Add($"{path}:{nameof(LetterScale)}:{i}:Letter must not be empty.");
                }
                else if (!seen.Add(step.Letter))
                {
                    errors.Add($"{path}:{nameof(LetterScale)}:{i}:Letter '{step.Letter}' is given more than once.");
                }

                Range($"{nameof(LetterScale)}:{i}:MinScore", step.MinScore, 0, 100);
            }
        }
    }

    /// <summary>Returns the letter scale in effect, highest first.</summary>
    internal KeyValuePair<string, double>[] ResolveLetterScale()
        => LetterScale is { } scale
            ? [.. scale.Select(s => new KeyValuePair<string, double>(s.Letter, s.MinScore)).OrderByDescending(s => s.Value)]
            : [.. DefaultLetterScale];

    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);
}
