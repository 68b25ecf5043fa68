// A new customer's whole purchase with the generated Go client: register to order read back.
package smoke

import (
	"context"
	"crypto/rand"
	"fmt"
	"reflect"
	"testing"

	shopeasy "github.com/shopeasy/shopeasy-go/shopeasy"
)

func randomKey(t *testing.T) string {
	t.Helper()
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", b)
}

// firstProductInStock browses category by category, as a shop front would.
func firstProductInStock(t *testing.T, client *shopeasy.APIClient) shopeasy.Product {
	t.Helper()
	ctx := context.Background()
	categories, _, err := client.CategoriesAPI.ListCategories(ctx).Limit(50).Execute()
	if err != nil {
		t.Fatalf("listCategories: %v", err)
	}
	for _, category := range categories.Items {
		page, _, err := client.ProductsAPI.ListCategoryProducts(ctx, category.Id).Limit(50).Execute()
		if err != nil {
			t.Fatalf("listCategoryProducts %s: %v", category.Id, err)
		}
		for _, product := range page.Items {
			if product.Stock >= 1 {
				return product
			}
		}
	}
	t.Fatal("no product in stock in any category")
	return shopeasy.Product{}
}

func lines(items []shopeasy.OrderItem) [][2]any {
	out := [][2]any{}
	for _, item := range items {
		out = append(out, [2]any{item.ProductId, item.Quantity})
	}
	return out
}

func TestWhenANewCustomerBuysAProductThenTheOrderReadsBack(t *testing.T) {
	client := newClient(t)
	email := "partner-go-" + randomKey(t) + "@example.com"
	password := "correct-horse-battery-staple"
	register := shopeasy.NewRegisterRequest(email, password, "Go Partner")
	user, _, err := client.AuthAPI.RegisterUser(context.Background()).RegisterRequest(*register).Execute()
	if err != nil {
		t.Fatalf("registerUser: %v", err)
	}
	login := shopeasy.NewLoginRequest(email, password)
	tokens, _, err := client.AuthAPI.Login(context.Background()).LoginRequest(*login).Execute()
	if err != nil || tokens.TokenType != "Bearer" || user.Role != shopeasy.CUSTOMER {
		t.Fatalf("login: %v (tokens %+v, user %+v)", err, tokens, user)
	}

	product := firstProductInStock(t, client)
	ctx := context.WithValue(context.Background(), shopeasy.ContextAccessToken, tokens.AccessToken)
	shown, _, err := client.ProductsAPI.GetProduct(ctx, product.Id).Execute()
	if err != nil {
		t.Fatalf("getProduct: %v", err)
	}
	add := shopeasy.NewAddCartItemRequest(product.Id, 1)
	cart, _, err := client.CartAPI.AddCartItem(ctx).AddCartItemRequest(*add).Execute()
	if err != nil {
		t.Fatalf("addCartItem: %v", err)
	}
	address := shopeasy.NewShippingAddress("Ada Lovelace", "12 St James Square", "London", "SW1Y 4JH", "GB")
	checkout := shopeasy.NewCheckoutRequest("pm_card_visa", *address)
	createOrder := client.OrdersAPI.CreateOrder(ctx).IdempotencyKey(randomKey(t))
	order, _, err := createOrder.CheckoutRequest(*checkout).Execute()
	if err != nil {
		t.Fatalf("createOrder: %v", err)
	}
	readBack, _, err := client.OrdersAPI.GetOrder(ctx, order.Id).Execute()
	if err != nil {
		t.Fatalf("getOrder: %v", err)
	}

	if order.Status != shopeasy.PAID || readBack.Id != order.Id || readBack.Status != order.Status ||
		readBack.Total != order.Total {
		t.Fatalf("order %+v read back as %+v", order, readBack)
	}
	if onMock(t) {
		return
	}
	// Live, every answer is about this customer's own purchase.
	want := [][2]any{{product.Id, int32(1)}}
	cartLines := [][2]any{}
	for _, item := range cart.Items {
		cartLines = append(cartLines, [2]any{item.ProductId, item.Quantity})
	}
	switch {
	case user.Email != email:
		t.Fatalf("registered as %q, want %q", user.Email, email)
	case shown.Id != product.Id || shown.Stock < 1:
		t.Fatalf("product %+v is not the one browsed (%s) or out of stock", shown, product.Id)
	case !reflect.DeepEqual(cartLines, want):
		t.Fatalf("cart lines %v, want %v", cartLines, want)
	case order.UserId != user.Id || order.Total != shown.Price ||
		!reflect.DeepEqual(lines(order.Items), want):
		t.Fatalf("order %+v is not this customer's purchase of %s at %+v", order, product.Id, shown.Price)
	case !reflect.DeepEqual(lines(readBack.Items), want) || readBack.ShippingAddress.Line1 != address.Line1:
		t.Fatalf("order read back as %+v", readBack)
	}
}
