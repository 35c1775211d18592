using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Interceptor.Tests.Support;

/// <summary>
/// rename(2) itself. .NET's File.Move refuses a symlink that points at a directory (it stats the target), and
/// Directory.Move refuses an existing destination; the kubelet's swap of <c>..data</c> needs the plain system call,
/// which replaces the destination link atomically.
/// </summary>
public static class PosixRename
{
    public static void Replace(string source, string destination)
    {
        if (rename(source, destination) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"rename {source} -> {destination}");
        }
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code enabled in the test project, for one call
    private static extern int rename(string oldpath, string newpath);
#pragma warning restore SYSLIB1054
}
