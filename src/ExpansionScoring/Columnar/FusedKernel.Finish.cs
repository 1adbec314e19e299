using ExpansionScoring.Windows;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ExpansionScoring.Offers;

namespace ExpansionScoring.Columnar;

/// <content>Pass 4 of the batch kernel: dollars, the window (SPEC §7) and the packed outcome.</content>
internal sealed partial class FusedKernel
{
    /// <summary>Pass 4: dollars, the window (SPEC §7) and the packed outcome; writes the requested result columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Finish<TV>(in Block k, int from, int to)
        where TV : unmanaged, ILanes<TV>
    {
        var p = plan;
        ref double scratch = ref k.Scratch;
        ref double arrRef = ref k.Arr;
        ref double triggersRef = ref k.Signal(TriggersId);
        ref double daysRef = ref k.Field(FactField(ConditionOfferRule.OperandKind.DaysToRenewal));
        var results = k.Results;
        bool writeComposite = !results.Composite.IsEmpty, writeProbability = !results.Probability.IsEmpty;
        bool writeOpportunity = !results.Opportunity.IsEmpty, writeOutcome = !results.Outcome.IsEmpty;
        ref double compositeResult = ref MemoryMarshal.GetReference(results.Composite);
        ref double probabilityResult = ref MemoryMarshal.GetReference(results.Probability);
        ref double opportunityResult = ref MemoryMarshal.GetReference(results.Opportunity);
        ref ulong outcomeResult = ref Unsafe.As<ScoreOutcome, ulong>(ref MemoryMarshal.GetReference(results.Outcome));

        var hundred = TV.Splat(100);
        var noRule = TV.SplatBits(ruleOutcomes.Length - 1);

        // The standing rule's outcome bits and multiplier: a gather from the rule tables.
        ref double outcomeTable = ref MemoryMarshal.GetArrayDataReference(ruleOutcomes);
        ref double multiplierTable = ref MemoryMarshal.GetArrayDataReference(ruleMultiplierTable);
        var nowMinTriggers = TV.Splat(p.Windows.NowTriggersThreshold);
        var next30MaxDays = TV.Splat(p.Windows.Next30MaxDays);
        var windowNow = TV.SplatBits(ScoreOutcome.WindowBits(PitchWindow.Now));
        var window30 = TV.SplatBits(ScoreOutcome.WindowBits(PitchWindow.Next30Days));
        var window60 = TV.SplatBits(ScoreOutcome.WindowBits(PitchWindow.Next60Days));
        var windowNurture = TV.SplatBits(ScoreOutcome.WindowBits(PitchWindow.Nurture));

        // Each band's window memberships as bits (FusedPlan.WindowMemberships), at least four entries.
        int bands = BandCount;
        long[] membership = this.membership;
        var m0 = TV.SplatBits(membership[0]);
        var m1 = TV.SplatBits(membership[1]);
        var m2 = TV.SplatBits(membership[2]);
        var m3 = TV.SplatBits(membership[3]);
        var b0 = TV.SplatBits(0);
        var b1 = TV.SplatBits(1);
        var b2 = TV.SplatBits(2);
        var isNow = TV.SplatBits((long)WindowMembership.Now);
        var is30 = TV.SplatBits((long)WindowMembership.Next30);
        var is30Renewal = TV.SplatBits((long)WindowMembership.Next30Renewal);
        var is60 = TV.SplatBits((long)WindowMembership.Next60);

        for (nint i = from; i < to; i += TV.Count)
        {
            var gated = TV.Load(ref scratch, i + At(Column.Gated));
            var standing = TV.Select(gated, noRule, TV.Load(ref scratch, i + At(Column.Rule)));
            var multiplier = TV.Lookup(ref multiplierTable, standing);
            var rule = TV.Lookup(ref outcomeTable, standing);

            var probability = TV.Load(ref scratch, i + At(Column.Probability));
            var arr = TV.Load(ref arrRef, i);
            var opportunity = TV.AndNot(TV.Multiply(TV.Multiply(TV.Divide(probability, hundred), arr), multiplier), gated);
            TV.Store(opportunity, ref scratch, i + At(Column.Opportunity));
            if (writeOpportunity)
            {
                TV.Store(opportunity, ref opportunityResult, i);
            }

            if (writeProbability)
            {
                TV.Store(probability, ref probabilityResult, i);
            }

            if (writeComposite)
            {
                TV.Store(TV.Load(ref scratch, i + At(Column.Composite)), ref compositeResult, i);
            }

            var band = TV.Load(ref scratch, i + At(Column.Band));
            var triggers = TV.Load(ref triggersRef, i);
            var days = TV.Load(ref daysRef, i);
            var member = TV.Select(TV.EqualBits(band, b0), m0, TV.Select(TV.EqualBits(band, b1), m1, TV.Select(TV.EqualBits(band, b2), m2, m3)));
            for (int b = 4; b < bands; b++)
            {
                member = TV.Select(TV.EqualBits(band, TV.SplatBits(b)), TV.SplatBits(membership[b]), member);
            }

            var now = TV.And(TV.EqualBits(TV.And(member, isNow), isNow), TV.GreaterThanOrEqual(triggers, nowMinTriggers));
            var next30 = TV.Or(
                TV.EqualBits(TV.And(member, is30), is30),
                TV.And(TV.EqualBits(TV.And(member, is30Renewal), is30Renewal), TV.LessThanOrEqual(days, next30MaxDays)));
            var next60 = TV.EqualBits(TV.And(member, is60), is60);
            var window = TV.Select(gated, windowNurture, TV.Select(now, windowNow, TV.Select(next30, window30, TV.Select(next60, window60, windowNurture))));
            TV.Store(window, ref scratch, i + At(Column.Window));

            if (writeOutcome)
            {
                TV.StoreBits(TV.Or(TV.Or(TV.Load(ref scratch, i + At(Column.Bits)), rule), window), ref outcomeResult, i);
            }
        }
    }
}
