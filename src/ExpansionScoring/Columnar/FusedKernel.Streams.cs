using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ExpansionScoring.Columnar;

/// <content>
/// Streaming stores for the caller's result columns on AVX-512. A result is written once and not read again by the
/// kernel, so it is sent past the caches (<c>vmovntpd</c>) instead of first reading each line into the cache to
/// change it: 112 bytes of memory traffic per account instead of 136 (88 read, 24 written, and no longer 24 read
/// before they are written). On that path the finishing pass leaves a block's results in
/// its scratch columns, and <see cref="Publish"/> copies each column out. A streaming store needs a 64-byte-aligned
/// line, and a column can start anywhere in one, so each line is assembled from the end of the previous vector and
/// the start of the current one (one permute); the values at the block's two ends go through plain stores.
/// </content>
internal sealed partial class FusedKernel
{
    /// <summary>Gets whether the AVX-512 path streams its results (<see cref="Publish"/>).</summary>
    private static bool Streams => Avx512F.IsSupported;

    /// <summary>
    /// Copies <paramref name="count"/> results (a multiple of 8) from a block's scratch column to the caller's
    /// column, which must be pinned (<see cref="ScoringModel"/> pins it for the call).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Publish(ref double scratch, ref double column, nint count)
    {
        if (count == 0)
        {
            return;
        }

        double* to = (double*)Unsafe.AsPointer(ref column);
        int shift = (int)(((nuint)to % 64) / sizeof(double));
        if (shift == 0)
        {
            for (nint i = 0; i < count; i += 8)
            {
                Avx512F.StoreAlignedNonTemporal(to + i, Vector512.LoadUnsafe(ref scratch, (nuint)i));
            }

            return;
        }

        // Lane k of a line is lane k + 8 − shift of the pair (previous, current): for k < shift the previous vector's
        // lane 8 − shift + k, else the current one's lane k − shift.
        var pick = Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7) + Vector512.Create((long)(8 - shift));
        var previous = Vector512.LoadUnsafe(ref scratch);
        previous.Store(to);
        double* line = to + 8 - shift;
        for (nint i = 8; i < count; i += 8)
        {
            var current = Vector512.LoadUnsafe(ref scratch, (nuint)i);
            Avx512F.StoreAlignedNonTemporal(line, Avx512F.PermuteVar8x64x2(previous, pick, current));
            line += 8;
            previous = current;
        }

        previous.Store(to + count - 8);
    }
}
