using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ExpansionScoring.Gates;

namespace ExpansionScoring.Columnar;

/// <content>Pass 2 of the batch kernel: the gates (SPEC §8).</content>
internal sealed partial class FusedKernel
{
    /// <summary>Pass 2: the gates (SPEC §8). NaN compares false, so missing data never blocks and is reported as not evaluated. Returns how many were gated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long Gates<TV>(in Block k, int from, int to, int tenureLow)
        where TV : unmanaged, ILanes<TV>
    {
        var p = plan;
        ref double healthRef = ref k.HealthScore;
        ref double ticketsRef = ref k.OpenP1P2Tickets;
        ref int start = ref k.Start;
        ref double bits = ref k.Ref(Column.Bits);
        ref double gatedOut = ref k.Ref(Column.Gated);
        var gates = p.Gates;
        bool healthGate = gates.HealthEnabled, ticketGate = gates.SupportTicketsEnabled, tenureGate = gates.TenureEnabled && k.HasStart, tenureUnknownAll = gates.TenureEnabled && !k.HasStart;
        var zero = TV.Zero;
        var minHealth = TV.Splat(gates.MinHealthScore);
        var maxTickets = TV.Splat(gates.MaxOpenP1P2Tickets);
        int tenureFrom = Math.Max(tenureLow, 1);
        var healthBit = TV.SplatBits(ScoreOutcome.BlockedBits(GateFlags.Health));
        var ticketBit = TV.SplatBits(ScoreOutcome.BlockedBits(GateFlags.SupportTickets));
        var tenureBit = TV.SplatBits(ScoreOutcome.BlockedBits(GateFlags.Tenure));
        var healthUnknown = TV.SplatBits(healthGate ? ScoreOutcome.NotEvaluatedBits(GateFlags.Health) : 0);
        var ticketUnknown = TV.SplatBits(ticketGate ? ScoreOutcome.NotEvaluatedBits(GateFlags.SupportTickets) : 0);
        var tenureUnknown = TV.SplatBits(ScoreOutcome.NotEvaluatedBits(GateFlags.Tenure));
        var tenureUnknownConstant = TV.SplatBits(tenureUnknownAll ? ScoreOutcome.NotEvaluatedBits(GateFlags.Tenure) : 0);
        var count = zero;

        for (nint i = from; i < to; i += TV.Count)
        {
            var health = TV.Load(ref healthRef, i);
            var tickets = TV.Load(ref ticketsRef, i);
            var healthBlocked = healthGate ? TV.LessThan(health, minHealth) : zero;
            var ticketsBlocked = ticketGate ? TV.GreaterThan(tickets, maxTickets) : zero;
            var tenureBlocked = tenureGate ? TV.IntInRange(ref start, i, tenureFrom, int.MaxValue) : zero;
            var tenureMissing = tenureGate ? TV.And(TV.IntInRange(ref start, i, 0, 0), tenureUnknown) : tenureUnknownConstant;
            var gated = TV.Or(TV.Or(healthBlocked, ticketsBlocked), tenureBlocked);
            var gateBits = TV.Or(TV.Or(TV.And(healthBlocked, healthBit), TV.And(ticketsBlocked, ticketBit)), TV.And(tenureBlocked, tenureBit));
            gateBits = TV.Or(gateBits, TV.Or(TV.Or(TV.AndNot(healthUnknown, TV.IsNumber(health)), TV.AndNot(ticketUnknown, TV.IsNumber(tickets))), tenureMissing));
            TV.Store(TV.Or(TV.Load(ref bits, i), gateBits), ref bits, i);
            TV.Store(gated, ref gatedOut, i);
            count = TV.SubtractBits(count, gated);
        }

        return TV.SumBits(count);
    }
}
