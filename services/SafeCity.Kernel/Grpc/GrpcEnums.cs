using SafeCity.Contracts.Themes;
using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Grpc;

/// <summary>Domain enums on the wire. Proto enums keep 0 for "unspecified", so each domain value is one higher.</summary>
public static class GrpcEnums
{
    public static RagStatus ToMessage(this Rag rag) => (RagStatus)((int)rag + 1);

    public static Rag? ToDomain(this RagStatus rag) => rag == RagStatus.Unspecified ? null : (Rag)((int)rag - 1);

    public static Contracts.Themes.ActionStatus ToMessage(this Domain.ActionStatus status) => (Contracts.Themes.ActionStatus)((int)status + 1);

    public static Domain.ActionStatus? ToDomain(this Contracts.Themes.ActionStatus status) =>
        status == Contracts.Themes.ActionStatus.Unspecified ? null : (Domain.ActionStatus)((int)status - 1);
}
