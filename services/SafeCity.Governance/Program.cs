using SafeCity.Governance;

var builder = WebApplication.CreateBuilder(args);
builder.AddGovernanceService();

var app = builder.Build();
app.MapGovernanceService();
app.Run();
