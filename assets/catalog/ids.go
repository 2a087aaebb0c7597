package catalog

// Limits on names. They keep URLs short and let the Worker refuse a long
// or odd path segment before looking anything up.
const (
	// MaxIDLen bounds a paper or preset id.
	MaxIDLen = 64
	// MaxTagLen bounds a tag.
	MaxTagLen = 32
)

// IsID reports whether s can be a paper or preset id: kebab case
// (lowercase letters and digits in words joined by single hyphens), at
// most MaxIDLen bytes. Such an id is safe in a URL path and a file name as
// it is: no dots, slashes or escapes.
func IsID(s string) bool { return isKebab(s, MaxIDLen) }

// IsTag reports whether s can be a tag: kebab case, at most MaxTagLen bytes.
func IsTag(s string) bool { return isKebab(s, MaxTagLen) }

func isKebab(s string, maxLen int) bool {
	if s == "" || len(s) > maxLen || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}
