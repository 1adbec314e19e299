using ExpansionScoring.Internal;

namespace ExpansionScoring.Revenue;

/// <summary>
/// The revenue arithmetic of SPEC §12: net and gross revenue retention, compounding, doubling time and the gap between
/// two retention rates. Rates are ratios: 1.20 is 120 %.
/// </summary>
public static class RevenueMath
{
    /// <summary>Net revenue retention: (start ARR + expansion − contraction − churn) / start ARR.</summary>
    /// <param name="startArr">ARR at the start of the period, above 0.</param>
    /// <param name="expansion">ARR added by existing customers, ≥ 0.</param>
    /// <param name="contraction">ARR lost to downgrades, ≥ 0.</param>
    /// <param name="churn">ARR lost to customers who left, ≥ 0.</param>
    /// <returns>The ratio; 1.20 is 120 %.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, NaN or infinite, or <paramref name="startArr"/> is 0.</exception>
    public static double Nrr(double startArr, double expansion, double contraction, double churn)
    {
        Positive(startArr);
        Guard.NonNegative(expansion);
        Guard.NonNegative(contraction);
        Guard.NonNegative(churn);
        return (startArr + expansion - contraction - churn) / startArr;
    }

    /// <summary>Gross revenue retention: (start ARR − contraction − churn) / start ARR, never counting expansion.</summary>
    /// <param name="startArr">ARR at the start of the period, above 0.</param>
    /// <param name="contraction">ARR lost to downgrades, ≥ 0.</param>
    /// <param name="churn">ARR lost to customers who left, ≥ 0.</param>
    /// <returns>The ratio, at most 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, NaN or infinite, or <paramref name="startArr"/> is 0.</exception>
    public static double Grr(double startArr, double contraction, double churn) => Nrr(startArr, 0, contraction, churn);

    /// <summary>ARR after compounding at a retention rate for a number of years: ARR × nrr^years.</summary>
    /// <param name="arr">The starting ARR, ≥ 0.</param>
    /// <param name="nrr">The yearly retention ratio, ≥ 0.</param>
    /// <param name="years">The number of years, ≥ 0.</param>
    /// <returns>The ARR at the end of year <paramref name="years"/>: 1M at 1.20 for 3 years is 1.728M.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, NaN or infinite.</exception>
    public static double Compound(double arr, double nrr, int years)
    {
        Guard.NonNegative(arr);
        Guard.NonNegative(nrr);
        Guard.NonNegative(years);
        return arr * Math.Pow(nrr, years);
    }

    /// <summary>The ARR at the end of each year 1..<paramref name="years"/> at a retention rate.</summary>
    /// <param name="arr">The starting ARR, ≥ 0.</param>
    /// <param name="nrr">The yearly retention ratio, ≥ 0.</param>
    /// <param name="years">The number of years, ≥ 0.</param>
    /// <returns>One ARR per year: 1M at 1.20 gives 1.2M, 1.44M, 1.728M.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, NaN or infinite.</exception>
    public static IReadOnlyList<double> CompoundByYear(double arr, double nrr, int years)
    {
        Guard.NonNegative(arr);
        Guard.NonNegative(nrr);
        Guard.NonNegative(years);
        double[] series = new double[years];
        for (int y = 1; y <= years; y++)
        {
            series[y - 1] = arr * Math.Pow(nrr, y);
        }

        return series;
    }

    /// <summary>The years for ARR to double at a retention rate: ln 2 / ln nrr (≈ 3.80 at 1.20).</summary>
    /// <param name="nrr">The yearly retention ratio, above 0.</param>
    /// <returns>The years, or <see langword="null"/> when <paramref name="nrr"/> ≤ 1 (ARR never doubles).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nrr"/> is not a finite number above 0.</exception>
    public static double? DoublingTime(double nrr)
    {
        Positive(nrr);
        return nrr > 1 ? Math.Log(2) / Math.Log(nrr) : null;
    }

    /// <summary>
    /// Compares two retention rates on the same starting ARR over <paramref name="years"/> years, naming each figure for
    /// what it is: the year-N ARR difference (the sources' "3-year difference between 100 % and 120 % ≈ 730K" is this one)
    /// and the cumulative difference, the sum of every year's ARR difference.
    /// </summary>
    /// <param name="arr">The starting ARR, ≥ 0.</param>
    /// <param name="baseNrr">The rate compared against, such as 1.00.</param>
    /// <param name="nrr">The rate compared, such as 1.20.</param>
    /// <param name="years">The number of years, ≥ 1.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, NaN or infinite, or <paramref name="years"/> is below 1.</exception>
    public static NrrComparison Compare(double arr, double baseNrr, double nrr, int years)
    {
        if (years < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(years), years, "Value must be >= 1.");
        }

        var a = CompoundByYear(arr, baseNrr, years);
        var b = CompoundByYear(arr, nrr, years);
        double[] gaps = new double[years];
        double cumulative = 0;
        for (int y = 0; y < years; y++)
        {
            gaps[y] = b[y] - a[y];
            cumulative += gaps[y];
        }

        return new NrrComparison
        {
            StartArr = arr,
            BaseNrr = baseNrr,
            Nrr = nrr,
            Years = years,
            BaseArrInYearN = a[^1],
            ArrInYearN = b[^1],
            YearNArrDifference = gaps[^1],
            CumulativeArrDifference = cumulative,
            ArrDifferenceByYear = gaps,
        };
    }

    private static void Positive(double value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "Value must be a finite number above 0.");
        }
    }
}

/// <summary>Two retention rates compared on the same starting ARR (SPEC §12). Immutable.</summary>
public sealed record NrrComparison
{
    /// <summary>Gets the starting ARR.</summary>
    public double StartArr { get; init; }

    /// <summary>Gets the rate compared against.</summary>
    public double BaseNrr { get; init; }

    /// <summary>Gets the rate compared.</summary>
    public double Nrr { get; init; }

    /// <summary>Gets the number of years, N.</summary>
    public int Years { get; init; }

    /// <summary>Gets the ARR at the end of year N at <see cref="BaseNrr"/>.</summary>
    public double BaseArrInYearN { get; init; }

    /// <summary>Gets the ARR at the end of year N at <see cref="Nrr"/>.</summary>
    public double ArrInYearN { get; init; }

    /// <summary>Gets the ARR difference in year N: 1M at 120 % vs 100 % over 3 years is 728K.</summary>
    public double YearNArrDifference { get; init; }

    /// <summary>
    /// Gets the cumulative difference: the sum of each year's ARR difference over years 1..N (1M at 120 % vs 100 % over
    /// 3 years: 200K + 440K + 728K = 1.368M), the extra revenue banked if each year bills its year-end ARR.
    /// </summary>
    public double CumulativeArrDifference { get; init; }

    /// <summary>Gets each year's ARR difference, years 1..N.</summary>
    public required IReadOnlyList<double> ArrDifferenceByYear { get; init; }
}
