namespace ExpansionScoring.Calibration;

/// <summary>Predicted vs. observed expansion rate for one probability decile.</summary>
public sealed record ReliabilityBin
{
    /// <summary>Gets the decile, 1 (lowest predictions) to 10.</summary>
    public int Decile { get; init; }

    /// <summary>Gets the number of accounts in the decile.</summary>
    public int Count { get; init; }

    /// <summary>Gets the lowest predicted probability in the decile, in percent.</summary>
    public double MinPredicted { get; init; }

    /// <summary>Gets the highest predicted probability in the decile, in percent.</summary>
    public double MaxPredicted { get; init; }

    /// <summary>Gets the mean predicted probability, in percent.</summary>
    public double MeanPredicted { get; init; }

    /// <summary>Gets the observed expansion rate, in percent.</summary>
    public double ObservedRate { get; init; }
}

/// <summary>Win rate and dollars of one band in a backtest.</summary>
public sealed record BandOutcome
{
    /// <summary>Gets the band's name.</summary>
    public required string Band { get; init; }

    /// <summary>Gets the number of accounts that were in the band.</summary>
    public int Count { get; init; }

    /// <summary>Gets how many of them expanded.</summary>
    public int Wins { get; init; }

    /// <summary>Gets the share that expanded, in percent; NaN for an empty band.</summary>
    public double WinRate { get; init; }

    /// <summary>Gets the expansion dollars booked by the band's accounts.</summary>
    public double Dollars { get; init; }
}

/// <summary>How well a model's probabilities matched what happened (backtest).</summary>
public sealed record CalibrationReport
{
    /// <summary>Gets the number of outcomes.</summary>
    public int Count { get; init; }

    /// <summary>Gets how many accounts expanded.</summary>
    public int Expanded { get; init; }

    /// <summary>Gets the book's expansion rate, in percent.</summary>
    public double BaseRate { get; init; }

    /// <summary>Gets the area under the ROC curve: 1 is a perfect ranking, 0.5 chance, 0 reversed; NaN without both outcomes.</summary>
    public double Auc { get; init; }

    /// <summary>Gets the Brier score (mean squared error of probability vs. outcome), 0..1; lower is better.</summary>
    public double BrierScore { get; init; }

    /// <summary>Gets the mean log loss of the probabilities; lower is better.</summary>
    public double LogLoss { get; init; }

    /// <summary>Gets predicted vs. observed rate per probability decile.</summary>
    public IReadOnlyList<ReliabilityBin> Reliability { get; init; } = [];

    /// <summary>Gets the win rate and dollars per band, in the order bands were first seen from the highest win rate down.</summary>
    public IReadOnlyList<BandOutcome> Bands { get; init; } = [];

    /// <summary>Gets the lift of the top band: its win rate over the book's; NaN when it is empty or nothing expanded.</summary>
    public double TopBandLift { get; init; }

    /// <summary>Gets the name of the band <see cref="TopBandLift"/> is computed for.</summary>
    public required string TopBand { get; init; }
}

/// <summary>Drift of one signal between two snapshots.</summary>
public sealed record SignalDrift
{
    /// <summary>Gets the signal's name.</summary>
    public required string Signal { get; init; }

    /// <summary>Gets the population stability index: &lt; 0.1 stable, 0.1–0.25 moderate shift, &gt; 0.25 major shift.</summary>
    public double Psi { get; init; }

    /// <summary>Gets how many accounts had the signal in the earlier snapshot.</summary>
    public int EarlierCount { get; init; }

    /// <summary>Gets how many accounts had the signal in the later snapshot.</summary>
    public int LaterCount { get; init; }
}
