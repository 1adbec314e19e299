using ExpansionScoring.Internal;
using ExpansionScoring.Presets;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Calibration;

/// <summary>A fitted probability transform and how well it fits. Never applied silently: pass it to <see cref="ScoringModelBuilder.UseProbabilityTransform"/> if you want it.</summary>
public sealed record TransformFit
{
    /// <summary>Gets the fitted transform.</summary>
    public required PlattProbabilityTransform Transform { get; init; }

    /// <summary>Gets the number of outcomes fitted.</summary>
    public int Count { get; init; }

    /// <summary>Gets the Newton iterations used.</summary>
    public int Iterations { get; init; }

    /// <summary>Gets a value indicating whether the fit converged.</summary>
    public bool Converged { get; init; }

    /// <summary>Gets the Brier score of the original probabilities on the history.</summary>
    public double BrierBefore { get; init; }

    /// <summary>Gets the Brier score of the fitted transform (clamped to 5..95) on the history.</summary>
    public double BrierAfter { get; init; }

    /// <summary>Gets the log loss of the original probabilities.</summary>
    public double LogLossBefore { get; init; }

    /// <summary>Gets the log loss of the fitted transform (clamped to 5..95).</summary>
    public double LogLossAfter { get; init; }
}

/// <summary>Suggested signal weights and how well they fit. Never applied silently: use <see cref="Preset"/> if you want them.</summary>
public sealed record WeightFit
{
    /// <summary>Gets the suggested preset: positive coefficients, normalised to sum to 1 (negative ones become 0).</summary>
    public required WeightPreset Preset { get; init; }

    /// <summary>Gets the raw logistic coefficient of each signal, per signal point (0..100 scale).</summary>
    public IReadOnlyDictionary<string, double> Coefficients { get; init; } = new Dictionary<string, double>();

    /// <summary>Gets the fitted intercept (log-odds with every signal at 0).</summary>
    public double Intercept { get; init; }

    /// <summary>Gets the L2 penalty used.</summary>
    public double L2 { get; init; }

    /// <summary>Gets the number of outcomes fitted (those with every chosen signal present).</summary>
    public int Count { get; init; }

    /// <summary>Gets the number of outcomes skipped because a chosen signal was missing.</summary>
    public int Skipped { get; init; }

    /// <summary>Gets the Newton iterations used.</summary>
    public int Iterations { get; init; }

    /// <summary>Gets a value indicating whether the fit converged.</summary>
    public bool Converged { get; init; }

    /// <summary>Gets the AUC of the fitted model's scores on the history.</summary>
    public double Auc { get; init; }

    /// <summary>Gets the mean log loss of the fitted logistic model on the history.</summary>
    public double LogLoss { get; init; }
}

/// <summary>Fits a calibrated probability transform and suggested weights from history. Results are returned, never applied.</summary>
public static class Calibrator
{
    /// <summary>Fits a Platt transform (logistic on the composite) to the outcomes.</summary>
    /// <param name="history">The outcomes; each needs its composite.</param>
    /// <param name="l2">A small ridge penalty on the slope that keeps separable histories finite. The default is 1e-4.</param>
    /// <returns>The fit, with Brier score and log loss before and after.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The history is empty or has only one kind of outcome.</exception>
    public static TransformFit FitProbabilityTransform(IEnumerable<HistoricalOutcome> history, double l2 = 1e-4)
    {
        Guard.NotNull(history);
        Guard.NonNegative(l2);
        var rows = history.ToList();
        RequireBothOutcomes(rows);
        double[][] x = [.. rows.Select(r => new[] { r.Composite / 100 })];
        bool[] y = [.. rows.Select(r => r.Expanded)];
        var fit = LogisticRegression.Solve(x, y, l2);
        var transform = new PlattProbabilityTransform(fit.Intercept, Math.Max(0, fit.Coefficients[0] / 100));
        double[] before = [.. rows.Select(r => r.Probability / 100)];
        double[] after = [.. rows.Select(r => Math.Clamp(transform.Transform(r.Composite), 5, 95) / 100)];
        return new TransformFit
        {
            Transform = transform,
            Count = rows.Count,
            Iterations = fit.Iterations,
            Converged = fit.Converged,
            BrierBefore = Backtest.BrierScore(before, y),
            BrierAfter = Backtest.BrierScore(after, y),
            LogLossBefore = Backtest.LogLoss(before, y),
            LogLossAfter = Backtest.LogLoss(after, y),
        };
    }

    /// <summary>The signals <see cref="FitWeights"/> weighs by default: the built-in ones the default preset weighs, so a built-in signal added with no weight is not required of every history row.</summary>
    private static IReadOnlyList<SignalKey> DefaultSignals { get; } = [.. SignalKey.BuiltIn.Where(k => WeightPreset.MidMarketBalanced.WeightOf(k) > 0)];

    /// <summary>Suggests signal weights from a regularised logistic regression of the outcomes on the signals.</summary>
    /// <param name="history">The outcomes with their signal values.</param>
    /// <param name="signals">The signals to weight; <see langword="null"/> for the built-in ones the default preset weighs (the five of SPEC §2).</param>
    /// <param name="l2">The ridge penalty on the coefficients (signals scaled to 0..1). The default is 1.</param>
    /// <param name="presetName">The name of the suggested preset. The default is <c>"Fitted"</c>.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">No outcome has every chosen signal, only one kind of outcome, or no coefficient came out positive.</exception>
    public static WeightFit FitWeights(IEnumerable<HistoricalOutcome> history, IReadOnlyList<SignalKey>? signals = null, double l2 = 1, string presetName = "Fitted")
    {
        Guard.NotNull(history);
        Guard.NonNegative(l2);
        Guard.NotNullOrWhiteSpace(presetName);
        var keys = signals ?? DefaultSignals;
        if (keys.Count == 0)
        {
            throw new ArgumentException("At least one signal is needed.", nameof(signals));
        }

        var all = history.ToList();
        var rows = all.Where(r => keys.All(r.Signals.Contains)).ToList();
        RequireBothOutcomes(rows);
        double[][] x = [.. rows.Select(r => keys.Select(k => r.Signals[k] / 100).ToArray())];
        bool[] y = [.. rows.Select(r => r.Expanded)];
        var fit = LogisticRegression.Solve(x, y, l2);
        double positive = fit.Coefficients.Where(c => c > 0).Sum();
        if (positive <= 0)
        {
            throw new ArgumentException("No signal has a positive association with expansion in this history; no weights can be suggested.", nameof(history));
        }

        var weights = keys.Select((k, j) => new KeyValuePair<SignalKey, double>(k, Math.Max(0, fit.Coefficients[j]) / positive));
        double[] scores = [.. x.Select(row => row.Select((v, j) => v * fit.Coefficients[j]).Sum())];
        double[] probabilities = [.. scores.Select(s => LogisticRegression.Sigmoid(s + fit.Intercept))];
        return new WeightFit
        {
            Preset = WeightPreset.Create(presetName, weights),
            Coefficients = keys.Select((k, j) => (k.Name, fit.Coefficients[j] / 100)).ToDictionary(t => t.Name, t => t.Item2, StringComparer.OrdinalIgnoreCase),
            Intercept = fit.Intercept,
            L2 = l2,
            Count = rows.Count,
            Skipped = all.Count - rows.Count,
            Iterations = fit.Iterations,
            Converged = fit.Converged,
            Auc = Backtest.Auc(scores, y),
            LogLoss = Backtest.LogLoss(probabilities, y),
        };
    }

    private static void RequireBothOutcomes(List<HistoricalOutcome> rows)
    {
        if (rows.Count == 0)
        {
            throw new ArgumentException("The history holds no usable outcomes.");
        }

        if (rows.All(r => r.Expanded) || rows.All(r => !r.Expanded))
        {
            throw new ArgumentException("The history needs both expanded and not-expanded accounts to fit anything.");
        }
    }
}
