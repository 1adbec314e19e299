using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ExpansionScoring.Offers;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Columnar;

/// <content>
/// The batch kernel proper. A book is scored in blocks of <see cref="BlockSize"/> accounts; each block goes through a
/// few short passes (signals → composite, probability and band; gates; one pass per offer rule; dollars, window and
/// outcome; sums), each a tight loop whose constants stay in registers, with the block's intermediate columns in
/// stack buffers that stay in the L1 cache. Every pass runs on <c>TV</c> lanes, then one lane at a time for the
/// block's last few accounts. One file per pass: FusedKernel.Signals.cs (1), .Gates.cs (2), .Offers.cs (3),
/// .Finish.cs (4), .Sums.cs (5); this file drives them and holds the block's scratch columns.
/// </content>
internal sealed partial class FusedKernel
{
    private const int BlockSize = 1024;

    /// <summary>The id of PlanFit, which the signals pass derives from the seat saturation where missing.</summary>
    private static readonly int PlanFitId = SignalKey.PlanFit.Id;

    /// <summary>The id of Triggers, which the window rule reads.</summary>
    private static readonly int TriggersId = SignalKey.Triggers.Id;

    /// <summary>Scores every row of <paramref name="a"/> on <typeparamref name="TV"/> lanes; adds the sums into <paramref name="totals"/>.</summary>
    /// <remarks>The scratch columns are not cleared: every pass writes a column before a later one reads it.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    internal void Run<TV>(in AccountColumns a, in ScoreColumns r, int tenureLow, Span<double> totals)
        where TV : unmanaged, ILanes<TV>
    {
        int n = a.Count;
        Span<double> buffers = stackalloc double[BlockSize * (int)Column.Count];
        buffers.Slice(BlockSize * (int)Column.NaN, Math.Min(n, BlockSize)).Fill(double.NaN);
        long gated = 0;
        for (int from = 0; from < n; from += BlockSize)
        {
            int length = Math.Min(BlockSize, n - from);
            var block = new Block(a.Slice(from, length), r.Slice(from, length), buffers);
            int vector = length - (length % TV.Count);
            Signals<TV>(block, 0, vector);
            Signals<Lanes1>(block, vector, length);
            gated += Gates<TV>(block, 0, vector, tenureLow) + Gates<Lanes1>(block, vector, length, tenureLow);
            Offers<TV>(block, 0, vector);
            Offers<Lanes1>(block, vector, length);
            Finish<TV>(block, 0, vector);
            Finish<Lanes1>(block, vector, length);
            if (!totals.IsEmpty)
            {
                Sum<TV>(block, 0, vector, totals);
                Sum<Lanes1>(block, vector, length, totals);
            }
        }

        if (!totals.IsEmpty)
        {
            totals[^1] += gated;
        }
    }


    /// <summary>Returns where <paramref name="column"/> starts, counted from the first scratch column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint At(Column column) => (nint)column * BlockSize;

    /// <summary>The block's scratch columns, in order.</summary>
    private enum Column
    {
        /// <summary>PlanFit as given, or derived from the seat saturation where missing.</summary>
        PlanFit,
        Seat,
        Composite,
        Probability,
        Band,
        Bits,
        Gated,
        Rule,
        Fires,
        Opportunity,
        Window,
        NaN,
        Count,
    }

    /// <summary>One block: its slice of the input and result columns and its scratch columns.</summary>
    private readonly ref struct Block
    {
        private readonly AccountColumns input;
        private readonly ScoreColumns output;
        private readonly Span<double> buffers;

        public Block(AccountColumns input, ScoreColumns output, Span<double> buffers)
        {
            this.input = input;
            this.output = output;
            this.buffers = buffers;
        }

        public bool HasSegment => !input.Segment.IsEmpty;

        public bool HasStart => !input.ContractStart.IsEmpty;

        public ref int Segment => ref MemoryMarshal.GetReference(MemoryMarshal.Cast<Segment, int>(input.Segment));

        public ref int Start => ref MemoryMarshal.GetReference(MemoryMarshal.Cast<DateOnly, int>(input.ContractStart));

        /// <summary>Gets the seat saturation as given (the signals pass derives the rules' fact into <see cref="Column.Seat"/>).</summary>
        public ref double SeatSaturation => ref Input(input.SeatSaturation);

        public ref double HealthScore => ref Input(input.HealthScore);

        public ref double OpenP1P2Tickets => ref Input(input.OpenP1P2Tickets);

        public ref double Arr => ref MemoryMarshal.GetReference(input.Arr);

        public ref double Ref(Column buffer) => ref buffers[BlockSize * (int)buffer];

        /// <summary>Gets the first scratch column: a pass reads the others at <see cref="At"/> past it, so they share one register.</summary>
        public ref double Scratch => ref MemoryMarshal.GetReference(buffers);

        /// <summary>Gets the block's slice of a built-in signal's column as given, by id; empty when the book lacks it.</summary>
        public ReadOnlySpan<double> SignalColumn(int id) => input.Signal(id);

        /// <summary>Gets a built-in signal as given, by id (PlanFit before the signals pass derives it), or NaNs when the book lacks it.</summary>
        public ref double Signal(int id) => ref Input(input.Signal(id));

        /// <summary>
        /// A rule field (see <see cref="FieldCount"/> fields): the built-in signals by id (PlanFit as derived), then the
        /// facts; a fact is a column the kernel computes (seat saturation as derived, probability, composite) or the
        /// book's column that <see cref="ConditionOfferRule.BookColumn"/> names.
        /// </summary>
        public ref double Field(int field)
        {
            if (field < SignalCount)
            {
                return ref field == PlanFitId ? ref Ref(Column.PlanFit) : ref Signal(field);
            }

            var kind = ConditionOfferRule.FactKind(field - SignalCount);
            switch (kind)
            {
                case ConditionOfferRule.OperandKind.SeatSaturation:
                    return ref Ref(Column.Seat);
                case ConditionOfferRule.OperandKind.Probability:
                    return ref Ref(Column.Probability);
                case ConditionOfferRule.OperandKind.Composite:
                    return ref Ref(Column.Composite);
                default:
                    var column = ConditionOfferRule.BookColumn(kind, input);
                    return ref column.IsEmpty ? ref Ref(Column.NaN) : ref MemoryMarshal.GetReference(column);
            }
        }

        /// <summary>Gets the block's slice of the caller's result columns.</summary>
        public ScoreColumns Results => output;

        private ref double Input(ReadOnlySpan<double> column) => ref column.IsEmpty ? ref Ref(Column.NaN) : ref MemoryMarshal.GetReference(column);
    }
}
