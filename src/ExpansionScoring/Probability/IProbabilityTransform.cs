namespace ExpansionScoring.Probability;

/// <summary>
/// Turns a composite (0..100) into the expansion probability shown to users (SPEC §4).
/// The model clamps whatever a transform returns to 5..95, so the tails are always damped.
/// Implementations must be thread-safe, allocation-free and non-decreasing in the composite.
/// </summary>
public interface IProbabilityTransform
{
    /// <summary>Transforms a composite into a probability in percent.</summary>
    /// <param name="composite">The composite, 0..100.</param>
    /// <returns>The probability in percent; the model clamps it to 5..95.</returns>
    double Transform(double composite);
}

/// <summary>The default transform: probability = intercept + slope × composite (5 + 0.9 × composite).</summary>
public sealed class LinearProbabilityTransform : IProbabilityTransform
{
    /// <summary>Initializes a new instance of the <see cref="LinearProbabilityTransform"/> class.</summary>
    /// <param name="intercept">The probability at composite 0. The default is 5.</param>
    /// <param name="slope">Probability points per composite point, >= 0. The default is 0.9.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not finite, or the slope is negative.</exception>
    public LinearProbabilityTransform(double intercept = 5, double slope = 0.9)
    {
        if (!double.IsFinite(intercept))
        {
            throw new ArgumentOutOfRangeException(nameof(intercept), intercept, "Intercept must be a finite number.");
        }

        if (!double.IsFinite(slope) || slope < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slope), slope, "Slope must be a finite number >= 0.");
        }

        Intercept = intercept;
        Slope = slope;
    }

    /// <summary>Gets the default transform, 5 + 0.9 × composite.</summary>
    public static LinearProbabilityTransform Default { get; } = new();

    /// <summary>Gets the probability at composite 0.</summary>
    public double Intercept { get; }

    /// <summary>Gets the probability points per composite point.</summary>
    public double Slope { get; }

    /// <inheritdoc />
    public double Transform(double composite) => Intercept + (Slope * composite);
}

/// <summary>A logistic transform: 5 + 90 / (1 + e^(−steepness × (composite − midpoint))).</summary>
public sealed class LogisticProbabilityTransform : IProbabilityTransform
{
    /// <summary>Initializes a new instance of the <see cref="LogisticProbabilityTransform"/> class.</summary>
    /// <param name="midpoint">The composite at which the probability is 50. The default is 50.</param>
    /// <param name="steepness">How sharply the curve rises, above 0. The default is 0.1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not finite, or the steepness is not above 0.</exception>
    public LogisticProbabilityTransform(double midpoint = 50, double steepness = 0.1)
    {
        if (!double.IsFinite(midpoint))
        {
            throw new ArgumentOutOfRangeException(nameof(midpoint), midpoint, "Midpoint must be a finite number.");
        }

        if (!double.IsFinite(steepness) || steepness <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(steepness), steepness, "Steepness must be a finite number above 0.");
        }

        Midpoint = midpoint;
        Steepness = steepness;
    }

    /// <summary>Gets the composite at which the probability is 50.</summary>
    public double Midpoint { get; }

    /// <summary>Gets how sharply the curve rises.</summary>
    public double Steepness { get; }

    /// <inheritdoc />
    public double Transform(double composite) => 5 + (90 / (1 + Math.Exp(-Steepness * (composite - Midpoint))));
}
