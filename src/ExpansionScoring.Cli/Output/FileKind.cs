using System.Runtime.InteropServices;

namespace ExpansionScoring.Cli.Output;

/// <summary>What a path names on disk, without following a final symbolic link.</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
}

/// <summary>
/// Reads a path's file type. .NET reports devices and FIFOs as ordinary files, so on Unix this asks the runtime's own
/// native shim (libSystem.Native, part of every .NET runtime) for <c>lstat</c>'s mode, whose type bits it normalises.
/// </summary>
internal static partial class FileKinds
{
    private const int TypeMask = 0xF000;

    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var info = new FileInfo(path);
            return info.LinkTarget is not null ? FileKind.SymbolicLink
                : Directory.Exists(path) ? FileKind.Directory
                : info.Exists ? FileKind.Regular
                : FileKind.Missing;
        }

        Span<byte> status = stackalloc byte[512];
        if (LStat(path, ref MemoryMarshal.GetReference(status)) != 0)
        {
            return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
        }

        // FileStatus begins { int32 Flags; int32 Mode; … }.
        int mode = MemoryMarshal.Read<int>(status[4..]);
        return (mode & TypeMask) switch
        {
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x4000 => FileKind.Directory,
            0x6000 => FileKind.BlockDevice,
            0xA000 => FileKind.SymbolicLink,
            0xC000 => FileKind.Socket,
            _ => FileKind.Regular,
        };
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int LStat(string path, ref byte status);
}
