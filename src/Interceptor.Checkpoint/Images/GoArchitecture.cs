using System.Runtime.InteropServices;

namespace Interceptor.Checkpoint.Images;

/// <summary>The OCI (Go) spelling of a CPU architecture: an image config says amd64, not X64.</summary>
public static class GoArchitecture
{
    /// <summary>This process's architecture; the agent builds the image on the node that checkpointed.</summary>
    public static string Current => Of(RuntimeInformation.OSArchitecture);

    public static string Of(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.X86 => "386",
        Architecture.Arm => "arm",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        Architecture.RiscV64 => "riscv64",
        Architecture.LoongArch64 => "loong64",
        _ => architecture.ToString().ToLowerInvariant(),
    };
}
