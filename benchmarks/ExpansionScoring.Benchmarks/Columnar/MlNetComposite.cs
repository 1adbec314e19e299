using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace ExpansionScoring.Benchmarks.Columnar;

/// <summary>
/// An ML.NET competitor: a linear regression learns the MidMarketBalanced composite from the five signals
/// (scaled to 0..1, NaN as 0) and five 0/1 "present" indicators, then every row is scored either one at a time with a
/// <see cref="PredictionEngine{TSrc, TDst}"/> or in one batch with <see cref="ITransformer.Transform"/>. Each
/// score then goes through the same probability, band and opportunity arithmetic as the engine's.
/// </summary>
/// <remarks>Everything (data view, model, prediction engine) is built once, in the constructor.</remarks>
public sealed class MlNetComposite
{
    private const int FeatureCount = 10;
    private const int MaxTrainingRows = 50_000;

    // MidMarketBalanced: PlanFit, Velocity, Engagement, Champion, Triggers.
    private static readonly double[] Weights = [0.30, 0.25, 0.15, 0.20, 0.10];

    private readonly double[] arr;
    private readonly MlNetRow[] rows;
    private readonly IDataView dataView;
    private readonly ITransformer model;
    private readonly PredictionEngine<MlNetRow, MlNetPrediction> engine;

    // Reused by RunPredictionEngine so the loop allocates nothing per row.
    private readonly MlNetRow input = new();
    private MlNetPrediction output = new();

    public MlNetComposite(
        double[] planFit, double[] velocity, double[] engagement, double[] champion, double[] triggers, double[] arr)
    {
        ArgumentNullException.ThrowIfNull(planFit);
        ArgumentNullException.ThrowIfNull(velocity);
        ArgumentNullException.ThrowIfNull(engagement);
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentNullException.ThrowIfNull(triggers);
        ArgumentNullException.ThrowIfNull(arr);
        int n = planFit.Length;
        if (velocity.Length != n || engagement.Length != n || champion.Length != n || triggers.Length != n || arr.Length != n)
        {
            throw new ArgumentException("All columns must have the same length.", nameof(arr));
        }

        this.arr = arr;
        double[][] signals = [planFit, velocity, engagement, champion, triggers];
        rows = new MlNetRow[n];
        for (int i = 0; i < n; i++)
        {
            rows[i] = ToRow(signals, i);
        }

        var mlContext = new MLContext(seed: 1);
        dataView = mlContext.Data.LoadFromEnumerable(rows);

        // Training sample: every stride-th row, at most MaxTrainingRows of them.
        int stride = Math.Max(1, (n + MaxTrainingRows - 1) / MaxTrainingRows);
        var sample = new List<MlNetRow>(Math.Min(n, MaxTrainingRows));
        for (int i = 0; i < n; i += stride)
        {
            sample.Add(rows[i]);
        }

        var trainView = mlContext.Data.Cache(mlContext.Data.LoadFromEnumerable(sample));

        // Microsoft.ML.Mkl.Components (OLS) is not available, so SDCA: one thread keeps it deterministic, a
        // tiny L2 penalty and enough passes let it converge close to the least-squares fit.
        var trainer = mlContext.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            LabelColumnName = nameof(MlNetRow.Label),
            FeatureColumnName = nameof(MlNetRow.Features),
            NumberOfThreads = 1,
            L2Regularization = 1e-6f,
            MaximumNumberOfIterations = 200,
        });
        model = trainer.Fit(trainView);
        engine = mlContext.Model.CreatePredictionEngine<MlNetRow, MlNetPrediction>(model);

        var metrics = mlContext.Regression.Evaluate(model.Transform(trainView), labelColumnName: nameof(MlNetRow.Label));
        MeanAbsoluteError = metrics.MeanAbsoluteError;
    }

    /// <summary>Gets the model's mean absolute error against the true composite, on the training sample.</summary>
    public double MeanAbsoluteError { get; }

    /// <summary>Gets the number of rows scored by each run.</summary>
    public int Count => rows.Length;

    /// <summary>Scores every row one at a time with the prediction engine, reusing one input and one output.</summary>
    /// <returns>The sum of opportunities plus the sum of band indexes.</returns>
    public double RunPredictionEngine()
    {
        double total = 0;
        float[] features = input.Features;
        for (int i = 0; i < rows.Length; i++)
        {
            Array.Copy(rows[i].Features, features, FeatureCount);
            engine.Predict(input, ref output);
            total += Finish(output.Score, arr[i]);
        }

        return total;
    }

    /// <summary>Scores every row in one <see cref="ITransformer.Transform"/> and reads the Score column with a cursor.</summary>
    /// <returns>The sum of opportunities plus the sum of band indexes.</returns>
    public double RunBatchTransform()
    {
        var scored = model.Transform(dataView);
        var scoreColumn = scored.Schema[nameof(MlNetPrediction.Score)];
        using var cursor = scored.GetRowCursor([scoreColumn]);
        var getScore = cursor.GetGetter<float>(scoreColumn);
        double total = 0;
        float score = 0;
        int i = 0;
        while (cursor.MoveNext())
        {
            getScore(ref score);
            total += Finish(score, arr[i++]);
        }

        return total;
    }

    /// <summary>Probability 5 + 0.9 × clamp(score, 0, 100), its band index and opportunity; returns opportunity + band.</summary>
    private static double Finish(float score, double arr)
    {
        double probability = 5 + (0.9 * Math.Clamp((double)score, 0, 100));
        int band = probability >= 75 ? 3 : probability >= 50 ? 2 : probability >= 25 ? 1 : 0; // Hot, Warm, Watch, Cold
        double opportunity = probability / 100 * arr * 0.45;
        return opportunity + band;
    }

    /// <summary>Features (signals / 100 with NaN as 0, then the five present flags) and the true composite as label.</summary>
    /// <remarks>SDCA is sensitive to feature scale: raw 0..100 signals left it at an MAE near 9, 0..1 near the OLS optimum.</remarks>
    private static MlNetRow ToRow(double[][] signals, int i)
    {
        var row = new MlNetRow();
        double weighted = 0;
        double weightSum = 0;
        for (int s = 0; s < Weights.Length; s++)
        {
            double value = signals[s][i];
            bool present = !double.IsNaN(value);
            row.Features[s] = present ? (float)(value / 100) : 0f;
            row.Features[s + Weights.Length] = present ? 1f : 0f;
            if (present)
            {
                weighted += Weights[s] * value;
                weightSum += Weights[s];
            }
        }

        row.Label = weightSum > 0 ? (float)(weighted / weightSum) : 0f;
        return row;
    }
}

/// <summary>One ML.NET input row: the ten features and the composite to learn.</summary>
public sealed class MlNetRow
{
    [VectorType(10)]
    public float[] Features { get; set; } = new float[10];

    public float Label { get; set; }
}

/// <summary>One ML.NET output row: the regression score.</summary>
public sealed class MlNetPrediction
{
    public float Score { get; set; }
}
