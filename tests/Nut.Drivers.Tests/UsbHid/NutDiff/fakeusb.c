/*
 * fakeusb: an LD_PRELOAD stand-in for the part of libusb-1.0 a HID UPS driver uses, over ONE simulated device.
 * NutSharp's own test code (not derived from libusb or NUT): it lets Debian's /lib/nut/usbhid-ups run against the
 * same recorded device that our replay transport serves, so the two drivers can be compared.
 *
 * The device comes from the file named by $FAKEUSB_DEVICE, written by the C# test (FakeUsbDevice.cs), one fact a line:
 *   DEVICE vvvv pppp bcdDevice iManufacturer iProduct iSerialNumber     (hex, hex, hex, decimal x3)
 *   STRING index text...                                                 (string descriptor, to the end of line)
 *   DESCRIPTOR hexbytes                                                  (the HID report descriptor)
 *   FEATURE id hexbytes                                                  (GET_REPORT(Feature) answer, ID byte first)
 *   SETTABLE id                                                          (a feature report SET_REPORT may write)
 * The file is re-read whenever its modification time changes. Every SET_REPORT to a SETTABLE (or recorded) report
 * is stored (a later GET returns it), any other one stalls; all are appended to $FAKEUSB_DEVICE.set as "SET id xx xx ...".  The interrupt pipe never has data (time-out).
 * Nothing here frees memory on exit: the process is short-lived and the device is a singleton.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* libusb-1.0 ABI (public, stable since 1.0.0): error codes and descriptor layouts. */
enum { E_IO = -1, E_INVALID_PARAM = -2, E_NO_DEVICE = -4, E_NOT_FOUND = -5, E_PIPE = -9, E_TIMEOUT = -7, E_OTHER = -99 };

struct device_descriptor {
	uint8_t bLength, bDescriptorType;
	uint16_t bcdUSB;
	uint8_t bDeviceClass, bDeviceSubClass, bDeviceProtocol, bMaxPacketSize0;
	uint16_t idVendor, idProduct, bcdDevice;
	uint8_t iManufacturer, iProduct, iSerialNumber, bNumConfigurations;
};
struct endpoint_descriptor {
	uint8_t bLength, bDescriptorType, bEndpointAddress, bmAttributes;
	uint16_t wMaxPacketSize;
	uint8_t bInterval, bRefresh, bSynchAddress;
	const unsigned char *extra;
	int extra_length;
};
struct interface_descriptor {
	uint8_t bLength, bDescriptorType, bInterfaceNumber, bAlternateSetting, bNumEndpoints,
		bInterfaceClass, bInterfaceSubClass, bInterfaceProtocol, iInterface;
	const struct endpoint_descriptor *endpoint;
	const unsigned char *extra;
	int extra_length;
};
struct interface { const struct interface_descriptor *altsetting; int num_altsetting; };
struct config_descriptor {
	uint8_t bLength, bDescriptorType;
	uint16_t wTotalLength;
	uint8_t bNumInterfaces, bConfigurationValue, iConfiguration, bmAttributes, MaxPower;
	const struct interface *interface;
	const unsigned char *extra;
	int extra_length;
};
struct version { uint16_t major, minor, micro, nano; const char *rc, *describe; };

/* The simulated unit. */
static struct {
	int loaded;
	time_t mtime; long mtime_ns;
	uint16_t vid, pid, bcd;
	uint8_t imanufacturer, iproduct, iserial;
	char *strings[256];
	unsigned char descriptor[8192]; int descriptor_length;
	unsigned char *feature[256]; int feature_length[256];
	unsigned char settable[256];
} dev;

static int the_device_object, the_handle_object;
static void *device_list[2] = { &the_device_object, NULL };

static const char *device_path(void) { return getenv("FAKEUSB_DEVICE"); }

static int hex_bytes(const char *s, unsigned char *out, int max)
{
	int n = 0; unsigned int b;
	while (*s && n < max) {
		while (*s == ' ' || *s == '\t') s++;
		if (!*s || *s == '\n' || *s == '\r' || sscanf(s, "%2x", &b) != 1) break;
		out[n++] = (unsigned char)b;
		s += 2;
	}
	return n;
}

/* (Re-)reads the device file when it changed; keeps the last good state when it cannot be read. */
static void load(void)
{
	struct stat st; FILE *f; char line[20000];
	const char *path = device_path();
	if (!path || stat(path, &st) != 0) return;
	if (dev.loaded && st.st_mtim.tv_sec == dev.mtime && st.st_mtim.tv_nsec == dev.mtime_ns) return;
	if (!(f = fopen(path, "r"))) return;
	dev.mtime = st.st_mtim.tv_sec; dev.mtime_ns = st.st_mtim.tv_nsec;
	for (int i = 0; i < 256; i++) { free(dev.strings[i]); dev.strings[i] = NULL; free(dev.feature[i]); dev.feature[i] = NULL; dev.feature_length[i] = 0; dev.settable[i] = 0; }
	while (fgets(line, sizeof line, f)) {
		unsigned int a, b, c, d, e, g; int at = 0;
		line[strcspn(line, "\r\n")] = 0;
		if (sscanf(line, "DEVICE %x %x %x %u %u %u", &a, &b, &c, &d, &e, &g) == 6) {
			dev.vid = (uint16_t)a; dev.pid = (uint16_t)b; dev.bcd = (uint16_t)c;
			dev.imanufacturer = (uint8_t)d; dev.iproduct = (uint8_t)e; dev.iserial = (uint8_t)g;
		} else if (sscanf(line, "STRING %u %n", &a, &at) == 1 && at > 0 && a < 256) {
			dev.strings[a] = strdup(line + at);
		} else if (!strncmp(line, "DESCRIPTOR ", 11)) {
			dev.descriptor_length = hex_bytes(line + 11, dev.descriptor, sizeof dev.descriptor);
		} else if (sscanf(line, "SETTABLE %u", &a) == 1 && a < 256) {
			dev.settable[a] = 1;
		} else if (sscanf(line, "FEATURE %u %n", &a, &at) == 1 && at > 0 && a < 256) {
			unsigned char buf[4096];
			int n = hex_bytes(line + at, buf, sizeof buf);
			dev.feature[a] = malloc(n ? n : 1); memcpy(dev.feature[a], buf, n); dev.feature_length[a] = n;
		}
	}
	fclose(f);
	dev.loaded = 1;
}

/* One line per SET_REPORT: "SET id xx xx ...", id from wValue, then the bytes exactly as sent. */
static void log_set(int id, const unsigned char *data, int length)
{
	char path[4096]; FILE *f;
	snprintf(path, sizeof path, "%s.set", device_path());
	if (!(f = fopen(path, "a"))) return;
	fprintf(f, "SET %02x", id);
	for (int i = 0; i < length; i++) fprintf(f, " %02x", data[i]);
	fputc('\n', f);
	fclose(f);
}

int libusb_init(void **ctx) { if (ctx) *ctx = NULL; load(); return 0; }
void libusb_exit(void *ctx) { (void)ctx; }

const struct version *libusb_get_version(void)
{
	static const struct version v = { 1, 0, 26, 0, "", "fakeusb (NutSharp test shim)" };
	return &v;
}

const char *libusb_strerror(int code)
{
	switch (code) {
	case 0: return "Success";
	case E_IO: return "Input/Output Error";
	case E_INVALID_PARAM: return "Invalid parameter";
	case E_NO_DEVICE: return "No such device (it may have been disconnected)";
	case E_NOT_FOUND: return "Entity not found";
	case E_TIMEOUT: return "Operation timed out";
	case E_PIPE: return "Pipe error";
	default: return "Other error";
	}
}

long libusb_get_device_list(void *ctx, void ***list)
{
	(void)ctx; load();
	*list = device_list;
	return dev.loaded ? 1 : 0;
}
void libusb_free_device_list(void **list, int unref) { (void)list; (void)unref; }

int libusb_get_device_descriptor(void *device, struct device_descriptor *d)
{
	(void)device; load();
	memset(d, 0, sizeof *d);
	d->bLength = 18; d->bDescriptorType = 1; d->bcdUSB = 0x0110; d->bMaxPacketSize0 = 8;
	d->idVendor = dev.vid; d->idProduct = dev.pid; d->bcdDevice = dev.bcd;
	d->iManufacturer = dev.imanufacturer; d->iProduct = dev.iproduct; d->iSerialNumber = dev.iserial;
	d->bNumConfigurations = 1;
	return 0;
}

uint8_t libusb_get_bus_number(void *device) { (void)device; return 1; }

/* The HID class descriptor (9 bytes): bcdHID 1.10, one report descriptor of the recorded length. */
static void hid_descriptor(unsigned char *p)
{
	p[0] = 9; p[1] = 0x21; p[2] = 0x10; p[3] = 0x01; p[4] = 0; p[5] = 1; p[6] = 0x22;
	p[7] = (unsigned char)(dev.descriptor_length & 0xff); p[8] = (unsigned char)(dev.descriptor_length >> 8);
}

int libusb_get_config_descriptor(void *device, uint8_t index, struct config_descriptor **config)
{
	static unsigned char hid[9];
	static struct endpoint_descriptor ep = { 7, 5, 0x81, 3, 8, 10, 0, 0, NULL, 0 };
	static struct interface_descriptor alt = { 9, 4, 0, 0, 1, 3, 0, 0, 0, &ep, hid, 9 };
	static struct interface iface = { &alt, 1 };
	static struct config_descriptor conf = { 9, 2, 34, 1, 1, 0, 0xa0, 50, &iface, NULL, 0 };
	(void)device;
	if (index != 0) return E_NOT_FOUND;
	load();
	hid_descriptor(hid);
	*config = &conf;
	return 0;
}
void libusb_free_config_descriptor(struct config_descriptor *config) { (void)config; }

int libusb_open(void *device, void **handle) { (void)device; *handle = &the_handle_object; return 0; }
void libusb_close(void *handle) { (void)handle; }
int libusb_kernel_driver_active(void *h, int i) { (void)h; (void)i; return 0; }
int libusb_detach_kernel_driver(void *h, int i) { (void)h; (void)i; return 0; }
int libusb_set_auto_detach_kernel_driver(void *h, int e) { (void)h; (void)e; return 0; }
int libusb_claim_interface(void *h, int i) { (void)h; (void)i; return 0; }
int libusb_set_interface_alt_setting(void *h, int i, int a) { (void)h; (void)i; (void)a; return 0; }
int libusb_clear_halt(void *h, unsigned char ep) { (void)h; (void)ep; return 0; }

int libusb_get_string_descriptor_ascii(void *handle, uint8_t index, unsigned char *data, int length)
{
	(void)handle; load();
	if (index == 0 || !dev.strings[index]) return E_PIPE; /* a real device stalls for a string it lacks */
	if (length <= 0) return E_INVALID_PARAM;
	int n = (int)strlen(dev.strings[index]);
	if (n > length - 1) n = length - 1;
	memcpy(data, dev.strings[index], n);
	data[n] = 0;
	return n;
}

int libusb_control_transfer(void *handle, uint8_t type, uint8_t request, uint16_t value, uint16_t windex,
	unsigned char *data, uint16_t length, unsigned int timeout)
{
	(void)handle; (void)windex; (void)timeout;
	load();
	if (type == 0x81 && request == 0x06 && value >> 8 == 0x21) { /* GET_DESCRIPTOR(HID) */
		unsigned char hid[9]; int n = length < 9 ? length : 9;
		hid_descriptor(hid); memcpy(data, hid, n); return n;
	}
	if (type == 0x81 && request == 0x06 && value >> 8 == 0x22) { /* GET_DESCRIPTOR(Report) */
		if ((value & 0xff) != 0) return E_PIPE;
		int n = length < dev.descriptor_length ? length : dev.descriptor_length;
		memcpy(data, dev.descriptor, n); return n;
	}
	if (type == 0xa1 && request == 0x01 && value >> 8 == 0x03) { /* GET_REPORT(Feature) */
		int id = value & 0xff;
		if (!dev.feature[id]) return E_PIPE;
		int n = length < dev.feature_length[id] ? length : dev.feature_length[id];
		memcpy(data, dev.feature[id], n); return n;
	}
	if (type == 0x21 && request == 0x09 && value >> 8 == 0x03) { /* SET_REPORT(Feature) */
		int id = value & 0xff;
		log_set(id, data, length);
		if (!dev.feature[id] && !dev.settable[id]) return E_PIPE;
		if (!dev.feature[id] || dev.feature_length[id] != length) {
			free(dev.feature[id]);
			dev.feature[id] = malloc(length ? length : 1);
			dev.feature_length[id] = length;
		}
		memcpy(dev.feature[id], data, length); /* a later GET answers what was set */
		return length;
	}
	return E_PIPE;
}

int libusb_interrupt_transfer(void *handle, unsigned char endpoint, unsigned char *data, int length,
	int *transferred, unsigned int timeout)
{
	(void)handle; (void)endpoint; (void)data; (void)length;
	*transferred = 0;
	/* Nothing queued: wait a little (not the whole time-out, to keep the test quick) and say so. */
	struct timespec ts = { 0, (long)(timeout < 50 ? timeout : 50) * 1000000L };
	nanosleep(&ts, NULL);
	return E_TIMEOUT;
}
