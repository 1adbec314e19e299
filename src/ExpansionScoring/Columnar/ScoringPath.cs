namespace ExpansionScoring.Columnar;

/// <summary>Which code scored a batch or a row.</summary>
public enum ScoringPath
{
    /// <summary>The general engine, one <see cref="Account"/> at a time: the model uses a piece the fused kernel does not implement.</summary>
    General = 0,

    /// <summary>The fused kernel one account at a time: a batch on hardware without usable vectors, or or a single row (<see cref="ScoringModel.ScoreRow"/>).</summary>
    Scalar = 1,

    /// <summary>The fused kernel on 128-bit vectors (two accounts per step).</summary>
    Vector128 = 2,

    /// <summary>The fused kernel on 256-bit vectors (four accounts per step).</summary>
    Vector256 = 3,

    /// <summary>A merge of summaries that ran on different paths.</summary>
    Mixed = 5,
}
