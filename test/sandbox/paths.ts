/** API paths the sandbox tests call by name. */
export const PLUS = '/User/Score/v1/Plus/ByOpenUserID/';
export const SUBTRACT = '/User/Score/v1/Subtract/ByOpenUserID/';
export const INFORM = '/Consume/v1/Data/Inform/';
export const RECORDS = '/Return/v1/Consume/Records/ByMobile/';
export const COUPONS = '/Coupon/PutIn/v4/GetAll/';
export const SHOPS = '/Shop/V1/GetList/';
export const ENTER = '/Parking/V1/EnterInfoNotify/';
export const FIND_CAR = '/Parking/V1/GetCarLocation/';
export const GIFT_CATEGORIES_PATH = '/Gift/V1/GetCategoryList/';
export const GIFTS = '/Gift/V1/GetList/';
export const NOTICE = '/User/AdvancedInfo/v1/Update/Notice/';
export const GRADE = '/User/AdvancedInfo/v1/UpdateGrade/Inform/';
