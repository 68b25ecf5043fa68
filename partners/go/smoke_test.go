// A partner's first calls with the generated Go client, against the Prism mock or a live ShopEasy.
package smoke

import (
	"context"
	"net/http"
	"os"
	"strings"
	"testing"

	shopeasy "github.com/shopeasy/shopeasy-go/shopeasy"
)

func baseURL(t *testing.T) string {
	t.Helper()
	url := os.Getenv("SHOPEASY_BASE_URL")
	if url == "" {
		t.Fatal("SHOPEASY_BASE_URL is not set: run partners/go/run-smoke.sh")
	}
	return url
}

// onMock: the mock answers every call with the contract's fixed examples and accepts any token.
func onMock(t *testing.T) bool {
	return baseURL(t) == os.Getenv("MOCK_URL")
}

func mockOnly(t *testing.T) {
	t.Helper()
	if !onMock(t) {
		t.Skip("relies on the mock's fixed examples")
	}
}

func newClient(t *testing.T) *shopeasy.APIClient {
	t.Helper()
	cfg := shopeasy.NewConfiguration()
	cfg.Servers = shopeasy.ServerConfigurations{{URL: baseURL(t)}}
	return shopeasy.NewAPIClient(cfg)
}

func TestWhenAPartnerListsCategoriesThenTypedCategoriesComeBack(t *testing.T) {
	page, res, err := newClient(t).CategoriesAPI.ListCategories(context.Background()).Limit(20).Execute()
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("listCategories: %v (status %v)", err, res)
	}
	if len(page.Items) == 0 || !strings.HasPrefix(page.Items[0].Id, "cat_") {
		t.Fatalf("unexpected categories: %+v", page.Items)
	}
}

func TestWhenAPartnerLogsInThenItGetsABearerTokenPair(t *testing.T) {
	mockOnly(t)
	body := shopeasy.NewLoginRequest("ada@example.com", "correct-horse-battery-staple")
	tokens, _, err := newClient(t).AuthAPI.Login(context.Background()).LoginRequest(*body).Execute()
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	if tokens.TokenType != "Bearer" || tokens.AccessToken == "" || tokens.ExpiresIn <= 0 {
		t.Fatalf("unexpected token pair: %+v", tokens)
	}
}

func TestWhenAPartnerReadsItsCartThenMoneyIsInMinorUnits(t *testing.T) {
	mockOnly(t)
	ctx := context.WithValue(context.Background(), shopeasy.ContextAccessToken, "partner-access-token")
	cart, _, err := newClient(t).CartAPI.GetCart(ctx).Execute()
	if err != nil {
		t.Fatalf("getCart: %v", err)
	}
	if len(cart.Total.Currency) != 3 || cart.Total.Amount < 0 {
		t.Fatalf("unexpected total: %+v", cart.Total)
	}
}

func TestWhenAPartnerCallsASecuredOperationWithoutATokenThenItIsRefused(t *testing.T) {
	_, res, err := newClient(t).CartAPI.GetCart(context.Background()).Execute()
	if err == nil || res == nil || res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("expected 401, got %v (err %v)", res, err)
	}
}
