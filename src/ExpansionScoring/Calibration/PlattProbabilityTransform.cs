using ExpansionScoring.Probability;

namespace ExpansionScoring.Calibration;

/// <summary>
/// A calibrated (Platt) transform: probability = 100 / (1 + e^−(intercept + slope × composite)).
/// The model still clamps it to 5..95. Fit one with <see cref="Calibrator.FitProbabilityTransform"/>.
/// </summary>
public sealed class PlattProbabilityTransform : IProbabilityTransform
{
    /// <summary>Initializes a new instance of the <see cref="PlattProbabilityTransform"/> class.</summary>
    /// <param name="intercept">The log-odds at composite 0.</param>
    /// <param name="slope">The log-odds per composite point, >= 0 so the transform never falls as the composite rises.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not finite, or the slope is negative.</exception>
    public PlattProbabilityTransform(double intercept, double slope)
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

    /// <summary>Gets the log-odds at composite 0.</summary>
    public double Intercept { get; }

    /// <summary>Gets the log-odds per composite point.</summary>
    public double Slope { get; }

    /// <inheritdoc />
    public double Transform(double composite) => 100 * LogisticRegression.Sigmoid(Intercept + (Slope * composite));
}
