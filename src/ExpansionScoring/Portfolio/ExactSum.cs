namespace ExpansionScoring;

/// <summary>
/// A sum that is exactly associative and commutative: each term is rounded once to a millionth and
/// added as a 128-bit integer, so adding terms in any order or grouping gives the same bits. This is what
/// makes portfolios of disjoint parts merge into exactly the portfolio of the whole.
/// </summary>
internal struct ExactSum : IEquatable<ExactSum>
{
    private const double Scale = 1_000_000;

    /// <summary>2^63: a whole double below it in magnitude converts to a <see cref="long"/> exactly.</summary>
    private const double LongRange = 9_223_372_036_854_775_808.0;

    /// <summary>2^51: below it in magnitude, <see cref="RoundingShift"/> rounds a double to a whole number.</summary>
    private const double TwoTo51 = 2_251_799_813_685_248.0;

    /// <summary>1.5 × 2^52: a double this large has no fraction bits, so adding it drops the fraction, rounding.</summary>
    private const double RoundingShift = 6_755_399_441_055_744.0;

    private Int128 micros;

    /// <summary>Gets the sum, to a millionth.</summary>
    public readonly double Value => (double)micros / Scale;

    /// <summary>Gets the sum in millionths, exactly.</summary>
    internal readonly Int128 Micros => micros;

    /// <summary>Gets a value indicating whether the sum is exactly zero.</summary>
    public readonly bool IsZero => micros == Int128.Zero;

    public static ExactSum operator +(ExactSum left, ExactSum right) => new() { micros = checked(left.micros + right.micros) };

    public static ExactSum operator -(ExactSum left, ExactSum right) => new() { micros = checked(left.micros - right.micros) };

    public static bool operator ==(ExactSum left, ExactSum right) => left.micros == right.micros;

    public static bool operator !=(ExactSum left, ExactSum right) => left.micros != right.micros;

    /// <summary>Returns the sum holding one term.</summary>
    /// <exception cref="OverflowException">The term is not finite or beyond ±10^31.</exception>
    public static ExactSum Of(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new OverflowException($"Cannot add {value} to an exact sum.");
        }

        // Every term of a book fits a long, whose conversion is one instruction; the 128-bit conversion takes the rest.
        // Below 2^51 adding and taking away 1.5 × 2^52 rounds to the nearest whole number, ties to even, as the FPU
        // rounds every result: Math.Round's answer without its call.
        double x = value * Scale;
        double scaled = Math.Abs(x) < TwoTo51 ? (x + RoundingShift) - RoundingShift : Math.Round(x, MidpointRounding.ToEven);
        return new() { micros = Math.Abs(scaled) < LongRange ? (long)scaled : checked((Int128)scaled) };
    }

    /// <summary>Adds one term.</summary>
    /// <exception cref="OverflowException">The term is not finite, or the sum left the 128-bit range.</exception>
    public void Add(double value) => micros = checked(micros + Of(value).micros);

    /// <summary>Adds another sum.</summary>
    /// <exception cref="OverflowException">The sum left the 128-bit range.</exception>
    public void Add(ExactSum other) => micros = checked(micros + other.micros);

    /// <summary>Returns <paramref name="numerator"/> / this, or <see langword="null"/> when this is zero.</summary>
    public readonly double? Ratio(ExactSum numerator) => IsZero ? null : (double)numerator.micros / (double)micros;

    public readonly bool Equals(ExactSum other) => micros == other.micros;

    public override readonly bool Equals(object? obj) => obj is ExactSum other && Equals(other);

    public override readonly int GetHashCode() => micros.GetHashCode();

    public override readonly string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
