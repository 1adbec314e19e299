namespace ExpansionScoring;

/// <summary>
/// The composite of a weighted-average model, written once for the general engine and the history attribution: Σ w·s
/// over Σ w, clamped to 0..100 and kept within the least and the most of the values averaged. A weighted average lies
/// between them; rounding in the sums can put it a few ulps outside (all-100 signals summing to 99.99999999999997), which
/// the bounds must not show.
/// </summary>
internal static class WeightedComposite
{
    /// <param name="sum">Σ w·s over the present values.</param>
    /// <param name="sumW">Σ w, including the weight of missing values counted as zero.</param>
    /// <param name="least">The least present value (+∞ when none).</param>
    /// <param name="most">The most present value (−∞ when none).</param>
    /// <param name="onlyPresent">Whether every weight in <paramref name="sumW"/> is a present value's (no missing value counted as zero).</param>
    /// <returns>The composite, 0..100.</returns>
    public static double Of(double sum, double sumW, double least, double most, bool onlyPresent)
    {
        double composite = sumW > 0 ? Math.Clamp(sum / sumW, 0, 100) : 0;
        return onlyPresent && least <= most ? Math.Clamp(composite, Math.Min(least, 100), Math.Max(most, 0)) : composite;
    }
}
