using SafeCity.Contracts.Identity;

namespace SafeCity.Gateway.ManageAccounts;

/// <summary>A role an administrator may give, and what the accounts page calls it.</summary>
public sealed record RoleChoice(string Role, string Label);

public static class RoleChoices
{
    public static IReadOnlyList<RoleChoice> For(GatewayOptions gateway) =>
        [
            .. gateway.Themes.Select(t => new RoleChoice(PlatformRoles.OfficerOf(t), $"Officer of the {t} theme")),
            new(PlatformRoles.PerformanceManagementGroup, "Performance Management Group member"),
            new(PlatformRoles.DeliveryBoard, "Delivery Board member"),
            new(PlatformRoles.Analyst, "Analyst"),
            new(PlatformRoles.PpoOfficer, "Designated officer of the PPO scheme (sees the cohort's personal data)"),
            new(PlatformRoles.Administrator, "Administrator"),
        ];
}
