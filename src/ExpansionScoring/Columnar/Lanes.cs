using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ExpansionScoring.Columnar;

/// <summary>
/// A vector of <see cref="double"/> lanes, so the columnar kernel is written once and compiled by the JIT for each
/// width: <see cref="Lanes256"/>, <see cref="Lanes128"/> and the one-lane <see cref="Lanes1"/>
/// (the scalar tail and the single-account path). Generic code over a struct type parameter is specialised per type,
/// so every call below inlines to the hardware instruction. A mask is a lane with every bit set (true) or clear (false).
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
internal interface ILanes<TSelf>
    where TSelf : unmanaged, ILanes<TSelf>
{
    /// <summary>Gets the number of lanes.</summary>
    static abstract int Count { get; }

    /// <summary>Gets every lane set to zero.</summary>
    static abstract TSelf Zero { get; }

    static abstract TSelf Splat(double value);

    static abstract TSelf Load(ref double source, nint index);

    static abstract void Store(TSelf value, ref double destination, nint index);


    /// <summary>Returns a mask of the lanes whose 32-bit integer <paramref name="source"/>[index + lane] lies in <paramref name="low"/>..<paramref name="high"/>.</summary>
    static abstract TSelf IntInRange(ref int source, nint index, int low, int high);

    static abstract TSelf Add(TSelf a, TSelf b);

    static abstract TSelf Multiply(TSelf a, TSelf b);

    static abstract TSelf Divide(TSelf a, TSelf b);

    static abstract TSelf And(TSelf a, TSelf b);

    static abstract TSelf Or(TSelf a, TSelf b);

    /// <summary>Returns <paramref name="a"/> and not <paramref name="mask"/>.</summary>
    static abstract TSelf AndNot(TSelf a, TSelf mask);

    /// <summary>Returns <paramref name="ifTrue"/> where <paramref name="mask"/> is set, else <paramref name="ifFalse"/>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf ifTrue, TSelf ifFalse);

    static abstract TSelf GreaterThanOrEqual(TSelf a, TSelf b);

    /// <summary>Returns <paramref name="low"/> where it is greater than <paramref name="x"/>, else <paramref name="x"/> (NaN stays NaN): x86's max(low, x), exactly <c>Select(GreaterThan(low, x), low, x)</c>.</summary>
    static abstract TSelf AtLeast(TSelf low, TSelf x);

    /// <summary>Returns <paramref name="high"/> where it is less than <paramref name="x"/>, else <paramref name="x"/> (NaN stays NaN): x86's min(high, x), exactly <c>Select(LessThan(high, x), high, x)</c>.</summary>
    static abstract TSelf AtMost(TSelf high, TSelf x);

    static abstract TSelf LessThanOrEqual(TSelf a, TSelf b);

    static abstract TSelf LessThan(TSelf a, TSelf b);

    static abstract TSelf GreaterThan(TSelf a, TSelf b);


    /// <summary>Returns a mask of the lanes that are not NaN.</summary>
    static abstract TSelf IsNumber(TSelf a);

    /// <summary>Gets every lane holding the 64-bit integer <paramref name="bits"/>.</summary>
    static abstract TSelf SplatBits(long bits);

    /// <summary>Adds the lanes as 64-bit integers.</summary>
    static abstract TSelf AddBits(TSelf a, TSelf b);

    /// <summary>Subtracts the lanes as 64-bit integers (subtracting a mask counts it: a set mask is −1).</summary>
    static abstract TSelf SubtractBits(TSelf a, TSelf b);

    /// <summary>Returns a mask of the lanes whose 64-bit integers are equal.</summary>
    static abstract TSelf EqualBits(TSelf a, TSelf b);

    /// <summary>Stores each lane's 64 bits.</summary>
    static abstract void StoreBits(TSelf value, ref ulong destination, nint index);

    /// <summary>Returns the sum of the lanes as 64-bit integers.</summary>
    static abstract long SumBits(TSelf a);

    /// <summary>Shifts the lanes' 64-bit integers left.</summary>
    static abstract TSelf ShiftLeftBits(TSelf a, int count);

    /// <summary>Returns the sum of the lanes.</summary>
    static abstract double Sum(TSelf a);

    /// <summary>
    /// Returns, in each lane, <paramref name="table"/>[the lane's 64-bit integer]. The table must be pinned, and every
    /// index must lie inside it.
    /// </summary>
    static abstract TSelf Lookup(ref double table, TSelf index);
}

/// <summary>Four lanes: AVX2, or two NEON registers.</summary>
internal struct Lanes256 : ILanes<Lanes256>
{
    private Vector256<double> v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Lanes256 From(System.Runtime.Intrinsics.Vector256<double> value)
    {
        Unsafe.SkipInit(out Lanes256 lanes);
        lanes.v = value;
        return lanes;
    }

    public static int Count => Vector256<double>.Count;

    public static Lanes256 Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Splat(double value) => From(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Load(ref double source, nint index) => From(Vector256.LoadUnsafe(ref source, (nuint)index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes256 value, ref double destination, nint index) => value.v.StoreUnsafe(ref destination, (nuint)index);


    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 IntInRange(ref int source, nint index, int low, int high)
    {
        var x = Vector256.WidenLower(Vector128.LoadUnsafe(ref source, (nuint)index).ToVector256Unsafe());
        var m = Vector256.GreaterThanOrEqual(x, Vector256.Create((long)low)) & Vector256.LessThanOrEqual(x, Vector256.Create((long)high));
        return From(m.AsDouble());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Add(Lanes256 a, Lanes256 b) => From(a.v + b.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Multiply(Lanes256 a, Lanes256 b) => From(a.v * b.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Divide(Lanes256 a, Lanes256 b) => From(a.v / b.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 And(Lanes256 a, Lanes256 b) => From(a.v & b.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Or(Lanes256 a, Lanes256 b) => From(a.v | b.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 AndNot(Lanes256 a, Lanes256 mask) => From(Vector256.AndNot(a.v, mask.v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Select(Lanes256 mask, Lanes256 ifTrue, Lanes256 ifFalse) => From(Vector256.ConditionalSelect(mask.v, ifTrue.v, ifFalse.v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 GreaterThanOrEqual(Lanes256 a, Lanes256 b) => From(Vector256.GreaterThanOrEqual(a.v, b.v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 AtLeast(Lanes256 low, Lanes256 x)
        => From(Avx.IsSupported ? Avx.Max(low.v, x.v) : PortableLanes.AtLeast(low.v, x.v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 AtMost(Lanes256 high, Lanes256 x)
        => From(Avx.IsSupported ? Avx.Min(high.v, x.v) : PortableLanes.AtMost(high.v, x.v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 LessThanOrEqual(Lanes256 a, Lanes256 b) => From(Vector256.LessThanOrEqual(a.v, b.v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 LessThan(Lanes256 a, Lanes256 b) => From(Vector256.LessThan(a.v, b.v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 GreaterThan(Lanes256 a, Lanes256 b) => From(Vector256.GreaterThan(a.v, b.v));


    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 IsNumber(Lanes256 a) => From(Vector256.Equals(a.v, a.v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Lanes256 a) => Vector256.Sum(a.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 SplatBits(long bits) => From(Vector256.Create(bits).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 AddBits(Lanes256 a, Lanes256 b) => From((a.v.AsInt64() + b.v.AsInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 SubtractBits(Lanes256 a, Lanes256 b) => From((a.v.AsInt64() - b.v.AsInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 EqualBits(Lanes256 a, Lanes256 b) => From(Vector256.Equals(a.v.AsInt64(), b.v.AsInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBits(Lanes256 value, ref ulong destination, nint index) => value.v.AsUInt64().StoreUnsafe(ref destination, (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SumBits(Lanes256 a) => Vector256.Sum(a.v.AsInt64());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 ShiftLeftBits(Lanes256 a, int count) => From(Vector256.ShiftLeft(a.v.AsInt64(), count).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Lanes256 Lookup(ref double table, Lanes256 index)
    {
        var i = index.v.AsInt64();
        return From(Avx2.IsSupported
            ? Avx2.GatherVector256((double*)Unsafe.AsPointer(ref table), i, 8)
            : PortableLanes.Lookup(ref table, i));
    }
}

/// <summary>Two lanes: SSE2 or NEON.</summary>
internal struct Lanes128 : ILanes<Lanes128>
{
    private Vector128<double> v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Lanes128 From(System.Runtime.Intrinsics.Vector128<double> value)
    {
        Unsafe.SkipInit(out Lanes128 lanes);
        lanes.v = value;
        return lanes;
    }

    public static int Count => Vector128<double>.Count;

    public static Lanes128 Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Splat(double value) => From(Vector128.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Load(ref double source, nint index) => From(Vector128.LoadUnsafe(ref source, (nuint)index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes128 value, ref double destination, nint index) => value.v.StoreUnsafe(ref destination, (nuint)index);


    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 IntInRange(ref int source, nint index, int low, int high)
    {
        int a = Unsafe.Add(ref source, index);
        int b = Unsafe.Add(ref source, index + 1);
        long ma = -(long)Unsafe.BitCast<bool, byte>((a >= low) & (a <= high));
        long mb = -(long)Unsafe.BitCast<bool, byte>((b >= low) & (b <= high));
        return From(Vector128.Create(ma, mb).AsDouble());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Add(Lanes128 a, Lanes128 b) => From(a.v + b.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Multiply(Lanes128 a, Lanes128 b) => From(a.v * b.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Divide(Lanes128 a, Lanes128 b) => From(a.v / b.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 And(Lanes128 a, Lanes128 b) => From(a.v & b.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Or(Lanes128 a, Lanes128 b) => From(a.v | b.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 AndNot(Lanes128 a, Lanes128 mask) => From(Vector128.AndNot(a.v, mask.v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Select(Lanes128 mask, Lanes128 ifTrue, Lanes128 ifFalse) => From(Vector128.ConditionalSelect(mask.v, ifTrue.v, ifFalse.v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 GreaterThanOrEqual(Lanes128 a, Lanes128 b) => From(Vector128.GreaterThanOrEqual(a.v, b.v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 AtLeast(Lanes128 low, Lanes128 x)
        => From(Sse2.IsSupported ? Sse2.Max(low.v, x.v) : PortableLanes.AtLeast(low.v, x.v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 AtMost(Lanes128 high, Lanes128 x)
        => From(Sse2.IsSupported ? Sse2.Min(high.v, x.v) : PortableLanes.AtMost(high.v, x.v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 LessThanOrEqual(Lanes128 a, Lanes128 b) => From(Vector128.LessThanOrEqual(a.v, b.v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 LessThan(Lanes128 a, Lanes128 b) => From(Vector128.LessThan(a.v, b.v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 GreaterThan(Lanes128 a, Lanes128 b) => From(Vector128.GreaterThan(a.v, b.v));


    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 IsNumber(Lanes128 a) => From(Vector128.Equals(a.v, a.v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Lanes128 a) => Vector128.Sum(a.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 SplatBits(long bits) => From(Vector128.Create(bits).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 AddBits(Lanes128 a, Lanes128 b) => From((a.v.AsInt64() + b.v.AsInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 SubtractBits(Lanes128 a, Lanes128 b) => From((a.v.AsInt64() - b.v.AsInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 EqualBits(Lanes128 a, Lanes128 b) => From(Vector128.Equals(a.v.AsInt64(), b.v.AsInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBits(Lanes128 value, ref ulong destination, nint index) => value.v.AsUInt64().StoreUnsafe(ref destination, (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SumBits(Lanes128 a) => Vector128.Sum(a.v.AsInt64());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 ShiftLeftBits(Lanes128 a, int count) => From(Vector128.ShiftLeft(a.v.AsInt64(), count).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Lanes128 Lookup(ref double table, Lanes128 index)
    {
        var i = index.v.AsInt64();
        return From(Avx2.IsSupported
            ? Avx2.GatherVector128((double*)Unsafe.AsPointer(ref table), i, 8)
            : PortableLanes.Lookup(ref table, i));
    }
}

/// <summary>One lane in a general-purpose register: the scalar tail and the single-account path, branch-free like the rest.</summary>
internal readonly struct Lanes1 : ILanes<Lanes1>
{
    private readonly double v;

    private Lanes1(double v) => this.v = v;

    public static int Count => 1;

    public static Lanes1 Zero => default;

    internal double Value => v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 Splat(double value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 Load(ref double source, nint index) => new(Unsafe.Add(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes1 value, ref double destination, nint index) => Unsafe.Add(ref destination, index) = value.v;


    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 IntInRange(ref int source, nint index, int low, int high)
    {
        int x = Unsafe.Add(ref source, index);
        return Mask((x >= low) & (x <= high));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 Add(Lanes1 a, Lanes1 b) => new(a.v + b.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 Multiply(Lanes1 a, Lanes1 b) => new(a.v * b.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 Divide(Lanes1 a, Lanes1 b) => new(a.v / b.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 And(Lanes1 a, Lanes1 b) => Bits(Raw(a) & Raw(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 Or(Lanes1 a, Lanes1 b) => Bits(Raw(a) | Raw(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 AndNot(Lanes1 a, Lanes1 mask) => Bits(Raw(a) & ~Raw(mask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 Select(Lanes1 mask, Lanes1 ifTrue, Lanes1 ifFalse)
        => Bits((Raw(mask) & Raw(ifTrue)) | (~Raw(mask) & Raw(ifFalse)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 AtLeast(Lanes1 low, Lanes1 x) => Select(GreaterThan(low, x), low, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 AtMost(Lanes1 high, Lanes1 x) => Select(LessThan(high, x), high, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 GreaterThanOrEqual(Lanes1 a, Lanes1 b) => Mask(a.v >= b.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 LessThanOrEqual(Lanes1 a, Lanes1 b) => Mask(a.v <= b.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 LessThan(Lanes1 a, Lanes1 b) => Mask(a.v < b.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 GreaterThan(Lanes1 a, Lanes1 b) => Mask(a.v > b.v);


    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 IsNumber(Lanes1 a) => Mask(!double.IsNaN(a.v));

    public static double Sum(Lanes1 a) => a.v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 SplatBits(long bits) => Bits(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 AddBits(Lanes1 a, Lanes1 b) => Bits(Raw(a) + Raw(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 SubtractBits(Lanes1 a, Lanes1 b) => Bits(Raw(a) - Raw(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 EqualBits(Lanes1 a, Lanes1 b) => Mask(Raw(a) == Raw(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBits(Lanes1 value, ref ulong destination, nint index) => Unsafe.Add(ref destination, index) = (ulong)Raw(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SumBits(Lanes1 a) => Raw(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 ShiftLeftBits(Lanes1 a, int count) => Bits(Raw(a) << count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes1 Lookup(ref double table, Lanes1 index) => new(Unsafe.Add(ref table, (nint)Raw(index)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Raw(Lanes1 a) => BitConverter.DoubleToInt64Bits(a.v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Lanes1 Bits(long bits) => new(BitConverter.Int64BitsToDouble(bits));

    /// <summary>All bits set for <see langword="true"/>: the comparison becomes a setcc and a negation, no branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Lanes1 Mask(bool condition) => Bits(-(long)Unsafe.BitCast<bool, byte>(condition));
}

/// <summary>
/// The portable forms of the lanes' instructions, for hardware without them (no AVX2 gather, no AVX or SSE2 min and
/// max). They are kept apart so the tests run them on any machine against the instructions (LanesTests): the
/// fallback is code CI exercises even where the hardware never takes it.
/// </summary>
internal static class PortableLanes
{
    /// <summary>max(low, x) as <c>maxpd</c> computes it: x when either is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> AtLeast(Vector256<double> low, Vector256<double> x) => Vector256.ConditionalSelect(Vector256.GreaterThan(low, x), low, x);

    /// <summary>min(high, x) as <c>minpd</c> computes it: x when either is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> AtMost(Vector256<double> high, Vector256<double> x) => Vector256.ConditionalSelect(Vector256.LessThan(high, x), high, x);

    /// <summary>max(low, x) as <c>maxpd</c> computes it: x when either is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> AtLeast(Vector128<double> low, Vector128<double> x) => Vector128.ConditionalSelect(Vector128.GreaterThan(low, x), low, x);

    /// <summary>min(high, x) as <c>minpd</c> computes it: x when either is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> AtMost(Vector128<double> high, Vector128<double> x) => Vector128.ConditionalSelect(Vector128.LessThan(high, x), high, x);

    /// <summary>table[index] per lane, one load at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Lookup(ref double table, Vector256<long> index)
        => Vector256.Create(Unsafe.Add(ref table, (nint)index[0]), Unsafe.Add(ref table, (nint)index[1]), Unsafe.Add(ref table, (nint)index[2]), Unsafe.Add(ref table, (nint)index[3]));

    /// <summary>table[index] per lane, one load at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Lookup(ref double table, Vector128<long> index)
        => Vector128.Create(Unsafe.Add(ref table, (nint)index[0]), Unsafe.Add(ref table, (nint)index[1]));
}
