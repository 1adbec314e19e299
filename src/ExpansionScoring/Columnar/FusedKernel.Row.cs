using System.Runtime.CompilerServices;

namespace ExpansionScoring.Columnar;

/// <content>The single-row path: <see cref="WideRowKernel"/> where the hardware and the model allow it, else <see cref="RowScalar"/>.</content>
internal sealed partial class FusedKernel
{
    /// <summary>Gets whether <see cref="Row"/> runs on the <see cref="WideRowKernel"/>.</summary>
    internal bool HasWideRow => wide is not null;

    /// <summary>Scores one row on the wide kernel when it applies, else on <see cref="RowScalar"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal RowScore Row(in AccountRow row, DateOnly asOf)
        => wide is { } w ? w.Score(row, tenureGate ? Math.Max(TenureLow(asOf), 1) : int.MaxValue) : RowScalar(row, asOf);
}
