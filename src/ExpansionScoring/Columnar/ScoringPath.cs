namespace ExpansionScoring.Columnar;

/// <summary>Which code scored a batch or a row. The vector width the kernel runs at is the hardware's business, not the API's.</summary>
public enum ScoringPath
{
    /// <summary>The general engine, one <see cref="Account"/> at a time: the model uses a piece the fused kernel does not implement.</summary>
    General = 0,

    /// <summary>The fused batch kernel (a single row runs it as a book of one account).</summary>
    Kernel = 1,

    /// <summary>A merge of summaries that ran on different paths.</summary>
    Mixed = 2,
}

/// <summary>How many accounts the kernel scores per step: the widest vectors the hardware accelerates, or a given width in tests.</summary>
internal enum LaneWidth
{
    /// <summary>One account per step (<see cref="Lanes1"/>): the blocks' tails, single rows, and hardware without vectors.</summary>
    One = 1,

    /// <summary>Two accounts per step on 128-bit vectors (<see cref="Lanes128"/>).</summary>
    Two = 2,

    /// <summary>Four accounts per step on 256-bit vectors (<see cref="Lanes256"/>).</summary>
    Four = 4,
}
