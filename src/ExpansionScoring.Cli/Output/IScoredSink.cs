using ExpansionScoring.Cli.Commands;

namespace ExpansionScoring.Cli.Output;

/// <summary>Where a <see cref="CompactScoreRun"/> sends what it scored: a chunk from the batch path, or one account from the row route.</summary>
internal interface IScoredSink
{
    /// <summary>Takes a scored chunk, in input order; called on one thread at a time.</summary>
    void Write(CompactScoreRun.Chunk chunk);

    /// <summary>Gets whether the sink writes input columns (<c>--keep</c>), which only the row route carries.</summary>
    bool Keeps { get; }

    /// <summary>Takes one account scored by the general engine (the row route), with the input values kept for it.</summary>
    void Write(in AccountScore score, IReadOnlyList<string?>? kept);

    /// <summary>Finishes after the last chunk or account.</summary>
    void Flush();
}
