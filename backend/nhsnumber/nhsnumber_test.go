package nhsnumber

import (
	"errors"
	"testing"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name, in, want string
		err            error
	}{
		{"valid, NHS example", "9434765919", "9434765919", nil},
		{"valid with spaces", "943 476 5919", "9434765919", nil},
		{"valid with hyphens", "943-476-5919", "9434765919", nil},
		{"another valid number", "4010232137", "4010232137", nil},
		{"remainder 0 gives check digit 0", "1000000060", "1000000060", nil},
		{"remainder 0 but last digit not 0", "1000000061", "", ErrCheckDigit},
		{"wrong check digit", "9434765918", "", ErrCheckDigit},
		{"two digits swapped", "9434765991", "", ErrCheckDigit},
		{"check digit would be 10", "1000000010", "", ErrImpossible},
		{"nine digits", "943476591", "", ErrLength},
		{"eleven digits", "94347659190", "", ErrLength},
		{"letters", "94347659l9", "", ErrLength},
		{"empty", "", "", ErrLength},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Validate(tt.in)
			if !errors.Is(err, tt.err) {
				t.Fatalf("Validate(%q) error = %v, want %v", tt.in, err, tt.err)
			}
			if got != tt.want {
				t.Fatalf("Validate(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCheckDigit_TenIsImpossible(t *testing.T) {
	// 1,0,0,0,0,0,0,0,1: sum = 10 + 2 = 12, 12 mod 11 = 1, 11 - 1 = 10.
	if _, ok := CheckDigit([9]int{1, 0, 0, 0, 0, 0, 0, 0, 1}); ok {
		t.Fatal("check digit 10 accepted")
	}
	// Exactly one in eleven nine-digit prefixes is impossible; count over a range.
	impossible := 0
	for n := 0; n < 11000; n++ {
		var d [9]int
		for i, v := 8, n; i >= 0; i, v = i-1, v/10 {
			d[i] = v % 10
		}
		if _, ok := CheckDigit(d); !ok {
			impossible++
		}
	}
	if impossible < 900 || impossible > 1100 {
		t.Fatalf("%d of 11000 prefixes impossible, want about 1000", impossible)
	}
}

func TestFormat(t *testing.T) {
	if got := Format("9434765919"); got != "943 476 5919" {
		t.Fatalf("Format = %q", got)
	}
}

func FuzzValidate(f *testing.F) {
	for _, s := range []string{"9434765919", "943 476 5919", "1000000010", "", "----------", "٣٤٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Validate(s)
		if err != nil {
			return
		}
		if len(got) != 10 {
			t.Fatalf("Validate(%q) = %q: not ten digits", s, got)
		}
		again, err := Validate(got)
		if err != nil || again != got {
			t.Fatalf("normalised %q does not validate again: %v", got, err)
		}
	})
}
