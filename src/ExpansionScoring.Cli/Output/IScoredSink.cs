using ExpansionScoring.Cli.Commands;

namespace ExpansionScoring.Cli.Output;

/// <summary>Where a <see cref="CompactScoreRun"/> sends what it scored: a chunk from the batch path, or one account from the row route.</summary>
internal interface IScoredSink
{
    /// <summary>Takes a scored chunk, in input order; called on one thread at a time.</summary>
    void Write(CompactScoreRun.Chunk chunk);

    /// <summary>Takes one account scored by the general engine (the row route).</summary>
    void Write(in AccountScore score);

    /// <summary>Finishes after the last chunk or account.</summary>
    void Flush();
}
