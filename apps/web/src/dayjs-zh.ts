// Chinese dates in the date pickers (month names, weeks starting on Monday). Imported by the pages that
// have a DatePicker, so dayjs stays out of the first load.
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');
