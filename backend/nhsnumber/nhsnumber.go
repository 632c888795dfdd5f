// Package nhsnumber checks NHS numbers: ten digits whose last is a Modulus 11
// check digit over the first nine.
package nhsnumber

import (
	"errors"
	"fmt"
	"strings"
)

// Errors a person can act on; Validate wraps them with the number as typed.
var (
	ErrLength     = errors.New("an NHS number has 10 digits")
	ErrCheckDigit = errors.New("the last digit is not the right check digit for the first nine, so a digit is probably mistyped")
	ErrImpossible = errors.New("no NHS number starts with these nine digits (their check digit would be 10)")
)

// CheckDigit returns the Modulus 11 check digit for nine digits, or ok=false
// when the remainder makes it 10, which NHS numbers never use.
func CheckDigit(first9 [9]int) (digit int, ok bool) {
	sum := 0
	for i, d := range first9 {
		sum += d * (10 - i) // weights 10, 9, ... 2
	}
	check := 11 - sum%11
	switch check {
	case 11:
		return 0, true
	case 10:
		return 0, false
	}
	return check, true
}

// Validate accepts an NHS number typed with or without spaces or hyphens
// ("943 476 5919", "943-476-5919") and returns its ten digits.
func Validate(s string) (string, error) {
	digits := strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '-':
			return -1
		case r >= '0' && r <= '9':
			return r
		}
		return 'x'
	}, strings.TrimSpace(s))
	if len(digits) != 10 || strings.ContainsRune(digits, 'x') {
		return "", fmt.Errorf("NHS number %q: %w", s, ErrLength)
	}
	var first [9]int
	for i := range first {
		first[i] = int(digits[i] - '0')
	}
	want, ok := CheckDigit(first)
	if !ok {
		return "", fmt.Errorf("NHS number %q: %w", s, ErrImpossible)
	}
	if int(digits[9]-'0') != want {
		return "", fmt.Errorf("NHS number %q: %w", s, ErrCheckDigit)
	}
	return digits, nil
}

// Format shows ten digits in the 3-3-4 grouping used on NHS letters.
func Format(digits string) string {
	if len(digits) != 10 {
		return digits
	}
	return digits[:3] + " " + digits[3:6] + " " + digits[6:]
}
