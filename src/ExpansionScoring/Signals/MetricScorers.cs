using ExpansionScoring.Internal;

namespace ExpansionScoring.Signals;

/// <summary>One step of a <see cref="StepSignalScorer"/>: a metric at or above <see cref="AtLeast"/> earns <see cref="Points"/>.</summary>
public sealed class ScoreStep
{
    /// <summary>Gets or sets the lowest metric value (inclusive) that earns the points. <value>The default value is 0.</value></summary>
    public double AtLeast { get; set; }

    /// <summary>Gets or sets the points earned, 0..100. <value>The default value is 0.</value></summary>
    public double Points { get; set; }

    /// <summary>Gets or sets whether the metric must be strictly above <see cref="AtLeast"/> ("health &gt; 85"). <value>The default value is <see langword="false"/>.</value></summary>
    public bool Exclusive { get; set; }
}

/// <summary>How a metric-driven scorer turns a metric into a signal.</summary>
public enum MetricScorerKind
{
    /// <summary>Maps [InputMin, InputMax] linearly onto [0, OutputMax], clamped.</summary>
    Linear = 0,

    /// <summary>Threshold → points: the highest step whose threshold the metric reaches.</summary>
    Step = 1,
}

/// <summary>
/// A signal scorer as data: derives a signal from one of the account's <see cref="Account.Metrics"/>.
/// Ready-made rubrics are built from these, and so can yours.
/// </summary>
public sealed class MetricScorerOptions
{
    /// <summary>Gets or sets the signal produced. <value>The default value is empty.</value></summary>
    public string Signal { get; set; } = string.Empty;

    /// <summary>Gets or sets the metric read from <see cref="Account.Metrics"/>. <value>The default value is empty.</value></summary>
    public string Metric { get; set; } = string.Empty;

    /// <summary>Gets or sets the kind of mapping. <value>The default value is <see cref="MetricScorerKind.Linear"/>.</value></summary>
    public MetricScorerKind Kind { get; set; }

    /// <summary>Gets or sets the metric value mapped to 0 (linear). <value>The default value is 0.</value></summary>
    public double InputMin { get; set; }

    /// <summary>Gets or sets the metric value mapped to <see cref="OutputMax"/> (linear). <value>The default value is 100.</value></summary>
    public double InputMax { get; set; } = 100;

    /// <summary>Gets or sets the signal at <see cref="InputMax"/> (linear), 0..100. <value>The default value is 100.</value></summary>
    public double OutputMax { get; set; } = 100;

    /// <summary>Gets or sets the steps (step kind), any order. A metric below every step scores 0. <value>The default value is empty.</value></summary>
    public List<ScoreStep> Steps { get; set; } = [];

    /// <summary>Builds the scorer.</summary>
    /// <returns>The scorer.</returns>
    /// <exception cref="ScoringConfigurationException">The options are invalid; the message lists every problem.</exception>
    public ISignalScorer ToScorer()
    {
        var errors = new List<string>();
        Validate("Scorer", errors);
        if (errors.Count > 0)
        {
            throw new ScoringConfigurationException(errors);
        }

        return Kind == MetricScorerKind.Step
            ? new StepSignalScorer(SignalKey.Of(Signal), Metric, Steps.Select(s => (s.AtLeast, s.Points, s.Exclusive)))
            : new LinearSignalScorer(SignalKey.Of(Signal), Metric, InputMin, InputMax, OutputMax);
    }

    internal void Validate(string path, List<string> errors)
    {
        if (!SignalKey.IsValidName(Signal))
        {
            errors.Add(FormattableString.Invariant($"{path}:Signal '{Signal}' is not a valid signal name."));
        }

        if (string.IsNullOrWhiteSpace(Metric))
        {
            errors.Add(FormattableString.Invariant($"{path}:Metric must not be empty."));
        }

        if (!Enum.IsDefined(Kind))
        {
            errors.Add(FormattableString.Invariant($"{path}:Kind must be one of {string.Join(", ", Enum.GetNames<MetricScorerKind>())}, was {Kind}."));
        }
        else if (Kind == MetricScorerKind.Linear)
        {
            if (!double.IsFinite(InputMin) || !double.IsFinite(InputMax) || InputMax == InputMin)
            {
                errors.Add(FormattableString.Invariant($"{path}:InputMin and InputMax must be finite and differ, were {InputMin} and {InputMax}."));
            }

            if (!double.IsFinite(OutputMax) || OutputMax < 0 || OutputMax > 100)
            {
                errors.Add(FormattableString.Invariant($"{path}:OutputMax must be in 0..100, was {OutputMax}."));
            }
        }
        else
        {
            if (Steps is not { Count: > 0 })
            {
                errors.Add(FormattableString.Invariant($"{path}:Steps must list at least one step."));
            }

            for (int i = 0; i < (Steps?.Count ?? 0); i++)
            {
                var s = Steps![i];
                if (s is null || !double.IsFinite(s.AtLeast))
                {
                    errors.Add(FormattableString.Invariant($"{path}:Steps:{i}:AtLeast must be a finite number."));
                }

                if (s is null || !double.IsFinite(s.Points) || s.Points < 0 || s.Points > 100)
                {
                    errors.Add(FormattableString.Invariant($"{path}:Steps:{i}:Points must be in 0..100, was {s?.Points}."));
                }
            }
        }
    }
}

/// <summary>Maps a metric linearly onto a signal: InputMin → 0, InputMax → OutputMax, clamped. InputMax may be below InputMin for "lower is better" metrics.</summary>
public sealed class LinearSignalScorer : ISignalScorer
{
    private readonly string metric;
    private readonly double inputMin;
    private readonly double inputMax;
    private readonly double outputMax;

    /// <summary>Initializes a new instance of the <see cref="LinearSignalScorer"/> class.</summary>
    /// <param name="key">The signal produced.</param>
    /// <param name="metric">The metric read from <see cref="Account.Metrics"/>.</param>
    /// <param name="inputMin">The metric value mapped to 0.</param>
    /// <param name="inputMax">The metric value mapped to <paramref name="outputMax"/>.</param>
    /// <param name="outputMax">The signal at <paramref name="inputMax"/>, 0..100. The default is 100.</param>
    /// <exception cref="ArgumentException">The key is default, the metric empty, or the input range empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is not finite, or <paramref name="outputMax"/> is outside 0..100.</exception>
    public LinearSignalScorer(SignalKey key, string metric, double inputMin, double inputMax, double outputMax = 100)
    {
        if (key.IsDefault)
        {
            throw new ArgumentException("The signal key is default(SignalKey).", nameof(key));
        }

        Key = key;
        this.metric = Guard.NotNullOrWhiteSpace(metric);
        this.inputMin = Guard.Finite(inputMin);
        this.inputMax = Guard.Finite(inputMax);
        this.outputMax = Guard.InRange(outputMax, 0, 100);
        if (inputMin == inputMax)
        {
            throw new ArgumentException("InputMin and InputMax must differ.", nameof(inputMax));
        }
    }

    /// <inheritdoc />
    public SignalKey Key { get; }

    /// <inheritdoc />
    public SignalReading Score(in SignalScorerArguments arguments)
        => arguments.Account.TryGetMetric(metric, out double x)
            ? SignalReading.Of(Math.Clamp((x - inputMin) / (inputMax - inputMin), 0, 1) * outputMax)
            : SignalReading.Missing("metric not supplied");
}

/// <summary>Maps a metric to points by thresholds: the highest step whose threshold the metric reaches; 0 below every step.</summary>
public sealed class StepSignalScorer : ISignalScorer
{
    private readonly string metric;
    private readonly double[] thresholds;
    private readonly double[] points;
    private readonly bool[] exclusive;

    /// <summary>Initializes a new instance of the <see cref="StepSignalScorer"/> class.</summary>
    /// <param name="key">The signal produced.</param>
    /// <param name="metric">The metric read from <see cref="Account.Metrics"/>.</param>
    /// <param name="steps">(threshold, points, exclusive) steps, any order; points 0..100; exclusive means "strictly above".</param>
    /// <exception cref="ArgumentNullException"><paramref name="steps"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The key is default, the metric empty, or no step is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is not finite or a points value is outside 0..100.</exception>
    public StepSignalScorer(SignalKey key, string metric, IEnumerable<(double AtLeast, double Points, bool Exclusive)> steps)
    {
        if (key.IsDefault)
        {
            throw new ArgumentException("The signal key is default(SignalKey).", nameof(key));
        }

        Key = key;
        this.metric = Guard.NotNullOrWhiteSpace(metric);
        var ordered = Guard.NotNull(steps).OrderByDescending(s => s.AtLeast).ThenBy(s => s.Exclusive ? 0 : 1).ToArray();
        if (ordered.Length == 0)
        {
            throw new ArgumentException("At least one step is needed.", nameof(steps));
        }

        thresholds = [.. ordered.Select(s => Guard.Finite(s.AtLeast, nameof(steps)))];
        points = [.. ordered.Select(s => Guard.InRange(s.Points, 0, 100, nameof(steps)))];
        exclusive = [.. ordered.Select(s => s.Exclusive)];
    }

    /// <inheritdoc />
    public SignalKey Key { get; }

    /// <inheritdoc />
    public SignalReading Score(in SignalScorerArguments arguments)
    {
        if (!arguments.Account.TryGetMetric(metric, out double x))
        {
            return SignalReading.Missing("metric not supplied");
        }

        for (int i = 0; i < thresholds.Length; i++)
        {
            if (exclusive[i] ? x > thresholds[i] : x >= thresholds[i])
            {
                return SignalReading.Of(points[i]);
            }
        }

        return SignalReading.Of(0);
    }
}
